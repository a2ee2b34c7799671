using System.Text;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

public sealed class TrustedRootReaderTests
{
    [Fact]
    public void Production_root_lists_its_logs_and_authorities_with_validity()
    {
        var root = TrustedRootReader.Read(File.ReadAllBytes(SigstoreTestData.ProductionTrustedRoot), "production");

        var rekor = root.TlogsById(Convert.FromBase64String("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=")).Single();
        Assert.Equal("https://rekor.sigstore.dev", rekor.BaseUrl);
        Assert.Equal("PKIX_ECDSA_P256_SHA_256", rekor.KeyDetails);
        Assert.Equal(new DateTimeOffset(2021, 1, 12, 11, 53, 27, TimeSpan.Zero), rekor.ValidFrom);
        Assert.Equal(rekor.LogId, SigstorePublicKey.FromSpki(rekor.PublicKeySpki).LogId);
        Assert.NotEmpty(root.CtLogs);
        Assert.NotEmpty(root.TimestampAuthorities);
        Assert.All(root.CertificateAuthorities, ca => Assert.NotEmpty(ca.CertChainDer));
        Assert.Equal(new DateTimeOffset(2022, 12, 31, 23, 59, 59, 999, TimeSpan.Zero), root.CertificateAuthorities[0].ValidTo);
    }

    [Fact]
    public void Every_log_key_of_both_public_roots_imports()
    {
        foreach (var file in new[] { SigstoreTestData.ProductionTrustedRoot, SigstoreTestData.StagingTrustedRoot })
        {
            var root = TrustedRootReader.Read(File.ReadAllBytes(file), file);
            Assert.All(root.Tlogs.Concat(root.CtLogs), log => SigstorePublicKey.FromSpki(log.PublicKeySpki, log.KeyDetails));
        }
    }

    [Fact]
    public void Missing_validity_start_is_refused_rather_than_read_as_unbounded()
    {
        var path = SigstoreTestData.CaseFile("trust-root-tlog-missing-validity-start_fail", "trusted_root.json");
        var error = Assert.Throws<SigstoreVerificationException>(() => TrustedRootReader.Read(File.ReadAllBytes(path), path));
        Assert.Equal(SigstoreChecks.TrustedRoot, error.Check);
        Assert.Contains("$.tlogs[1].publicKey.validFor: has no 'start'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=9"}""", "$.mediaType: unsupported trusted root media type")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":{}}""", "$.tlogs: expected an array, found an object")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[{"publicKey":{"rawBytes":"AA","validFor":{"start":"yesterday"}},"logId":{"keyId":"AA"}}]}""", "$.tlogs[0].publicKey.validFor.start: is not an RFC 3339 timestamp")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[{"publicKey":{"rawBytes":"AA","validFor":{"start":"2024-01-01T00:00:00Z","end":"2023-01-01T00:00:00Z"}},"logId":{"keyId":"AA"}}]}""", "$.tlogs[0].publicKey.validFor: ends before it starts")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","certificateAuthorities":[{"certChain":{"certificates":[]},"validFor":{"start":"2024-01-01T00:00:00Z"}}]}""", "$.certificateAuthorities[0].certChain.certificates: is empty")]
    public void Malformed_roots_name_the_json_path(string json, string expected)
    {
        var error = Assert.Throws<SigstoreVerificationException>(() => TrustedRootReader.Read(Encoding.UTF8.GetBytes(json), "root.json"));
        Assert.Equal(SigstoreChecks.TrustedRoot, error.Check);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
