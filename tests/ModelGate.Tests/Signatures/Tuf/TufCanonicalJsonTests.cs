using System.Text;
using System.Text.Json;
using ModelGate.Signatures.Tuf;

namespace ModelGate.Tests.Signatures.Tuf;

public sealed class TufCanonicalJsonTests
{
    [Theory]
    [InlineData("{\"b\":1, \"a\":[true, false, null], \"c\":\"x\"}", "{\"a\":[true,false,null],\"b\":1,\"c\":\"x\"}")]
    [InlineData("{\"s\":\"a\\\"b\\\\c\"}", "{\"s\":\"a\\\"b\\\\c\"}")]
    [InlineData("{\"s\":\"line\\nbreak \\u00e9 \\u0001\"}", "{\"s\":\"line\nbreak \u00e9 \u0001\"}")]
    [InlineData("{\"n\":-0, \"m\":-12, \"o\":{}}", "{\"m\":-12,\"n\":0,\"o\":{}}")]
    // Code point order, as Python sorts str: U+E000 before U+1F600, though UTF-16 ordinal order says otherwise.
    [InlineData("{\"\\ud83d\\ude00\":1,\"\\ue000\":2}", "{\"\ue000\":2,\"\ud83d\ude00\":1}")]
    [InlineData("{\"Z\":1,\"a\":2,\"_type\":3}", "{\"Z\":1,\"_type\":3,\"a\":2}")]
    public void Encodes_as_securesystemslib_encode_canonical(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, Encoding.UTF8.GetString(TufCanonicalJson.Encode(document.RootElement, "t.json")));
    }

    [Theory]
    [InlineData("{\"n\":1.0}", "t.json: $.n is the number 1.0; canonical JSON allows only integers within 64 bits")]
    [InlineData("{\"n\":[1e3]}", "t.json: $.n[0] is the number 1e3; canonical JSON allows only integers within 64 bits")]
    [InlineData("{\"n\":99999999999999999999}", "t.json: $.n is the number 99999999999999999999; canonical JSON allows only integers within 64 bits")]
    [InlineData("{\"s\":\"\\ud800\"}", "t.json: $.s is not a valid Unicode string")]
    public void Refuses_what_canonical_json_cannot_express(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, Assert.Throws<TufException>(() => TufCanonicalJson.Encode(document.RootElement, "t.json")).Message);
    }

    [Theory]
    [InlineData("production", 15, 5)]
    [InlineData("staging", 12, 2)]
    public void The_shipped_Sigstore_roots_carry_their_own_threshold_of_signatures(string instance, long version, int signatures)
    {
        var tufInstance = instance == "production" ? SigstoreTufInstance.Production : SigstoreTufInstance.Staging;
        var root = TufMetadataReader.ReadRoot(tufInstance.EmbeddedRoot(), instance, TufLimits.Default);

        TufIntegrity.RequireThreshold(root.Metadata, root, TufRoot.RootRole, "itself");

        Assert.Equal(version, root.Version);
        Assert.True(root.ConsistentSnapshot);
        Assert.Equal(signatures, root.Roles[TufRoot.RootRole].KeyIds.Count(id =>
            root.Metadata.Signatures.FirstOrDefault(s => s.KeyId == id) is { } s && root.Keys[id].Verify(root.Metadata.SignedCanonical, s.Value)));
    }

    [Fact]
    public void A_changed_byte_in_a_signed_Sigstore_root_breaks_every_signature()
    {
        var text = Encoding.UTF8.GetString(SigstoreTufInstance.Production.EmbeddedRoot()).Replace("\"version\": 15", "\"version\": 16", StringComparison.Ordinal);
        var root = TufMetadataReader.ReadRoot(Encoding.UTF8.GetBytes(text), "changed", TufLimits.Default);

        var error = Assert.Throws<TufException>(() => TufIntegrity.RequireThreshold(root.Metadata, root, TufRoot.RootRole, "itself"));

        Assert.Equal("changed: version 16 has 0 valid signature(s) by the root keys of itself; the threshold is 3", error.Message);
    }
}
