using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>
/// Hostile bundles, keys and certificates: each is refused by a named check with a message that says where, and
/// none takes more than the work its (bounded) size allows.
/// </summary>
public sealed class SigstoreHostileInputTests
{
    private const string V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

    [Theory]
    [InlineData("", "line 1, byte 1: not valid JSON")]
    [InlineData("[]", "$: expected an object, found an array")]
    [InlineData("""{"mediaType":5}""", "$.mediaType: expected a string, found a number")]
    [InlineData("""{"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.4"}""", "$.mediaType: unsupported bundle media type")]
    [InlineData("""{"mediaType":"MT"}""", "$: 'verificationMaterial' is missing")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":[]}""", "$.verificationMaterial: expected an object, found an array")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{}}""", "has none of 'certificate', 'x509CertificateChain' and 'publicKey'")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"certificate":{"rawBytes":"AA"}}}""", "has more than one of")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"publicKey":{}}}""", "not valid JSON")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"public_key":{}}}""", "both 'publicKey' and 'public_key' are present")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"tlogEntries":{}}}""", "$.verificationMaterial.tlogEntries: expected an array, found an object")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"tlogEntries":[{"logIndex":"12x"}]}}""", "$.verificationMaterial.tlogEntries[0].logIndex: is not an int64")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"tlogEntries":[{"logIndex":1.5}]}}""", "logIndex: is not an int64")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"tlogEntries":[{"logIndex":"99999999999999999999"}]}}""", "logIndex: is not an int64")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"tlogEntries":[{"logIndex":true}]}}""", "logIndex: expected an int64 (string or number), found a boolean")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{},"tlogEntries":[{"logIndex":"1","logId":{"keyId":"A B"}}]}}""", "$.verificationMaterial.tlogEntries[0].logId.keyId: is not valid base64 (character U+0020 at offset 1)")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{}},"messageSignature":{"signature":""}}""", "$.messageSignature.signature: is empty")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{}},"messageSignature":{"signature":"AAAA"},"dsseEnvelope":{}}""", "has both 'messageSignature' and 'dsseEnvelope'")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{}},"dsseEnvelope":{"payload":"AA","payloadType":"t","signatures":[]}}""", "$.dsseEnvelope.signatures: is empty")]
    [InlineData("""{"mediaType":"MT","verificationMaterial":{"publicKey":{}}, "messageSignature":{"signature":"AA"}} trailing""", "not valid JSON")]
    public void Malformed_bundles_are_refused_with_the_json_location(string json, string expected)
    {
        var error = Assert.Throws<SigstoreVerificationException>(() => SigstoreBundleReader.Read(Encoding.UTF8.GetBytes(json.Replace("\"MT\"", $"\"{V03}\"", StringComparison.Ordinal)), "hostile.json"));
        Assert.Equal(SigstoreChecks.BundleFormat, error.Check);
        Assert.StartsWith("hostile.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_by_the_parser_depth_limit()
    {
        var json = $$"""{"mediaType":"{{V03}}","verificationMaterial":{{new string('[', 100_000)}}""";
        var error = Assert.Throws<SigstoreVerificationException>(() => SigstoreBundleReader.Read(Encoding.UTF8.GetBytes(json), "deep.json"));
        Assert.Equal(SigstoreChecks.BundleFormat, error.Check);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_over_the_size_limit_is_refused_before_parsing()
    {
        var huge = new byte[50 * 1024 * 1024];
        huge.AsSpan().Fill((byte)' ');
        var error = Assert.Throws<SigstoreVerificationException>(() => SigstoreBundleReader.Read(huge, "huge.json"));
        Assert.Equal(SigstoreChecks.BundleFormat, error.Check);
        Assert.Contains($"more than the {SigstoreLimits.MaxBundleBytes}-byte limit; refused before parsing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_proof_hashes_than_any_tree_needs_are_refused()
    {
        var bundle = HappyV03();
        var proof = bundle["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!;
        proof["hashes"] = new JsonArray([.. Enumerable.Range(0, 65).Select(_ => (JsonNode)Convert.ToBase64String(new byte[32]))]);
        var error = Assert.Throws<SigstoreVerificationException>(() => Read(bundle));
        Assert.Contains("$.verificationMaterial.tlogEntries[0].inclusionProof.hashes: has 65 items, more than the limit of 64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(0)]
    public void Proof_hashes_of_the_wrong_size_fail_the_inclusion_proof(int size)
    {
        var c = new ConformanceCase("happy-path-v0.3");
        var bundle = HappyV03();
        bundle["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!["hashes"]![3] = Convert.ToBase64String(new byte[size]);
        var error = Assert.Throws<SigstoreVerificationException>(() => ProductionVerifier(c).Verify(Read(bundle), ArtifactInput.FromFile(c.ArtifactPath), c.Policy));
        Assert.Equal(SigstoreChecks.InclusionProof, error.Check);
    }

    [Fact]
    public void A_certificate_that_is_not_der_is_refused_as_the_certificate()
    {
        var c = new ConformanceCase("happy-path-v0.3");
        var bundle = HappyV03();
        bundle["verificationMaterial"]!["certificate"]!["rawBytes"] = Convert.ToBase64String([0x30, 0x82, 0xff, 0xff, 0x01]);
        var error = Assert.Throws<SigstoreVerificationException>(() => ProductionVerifier(c).Verify(Read(bundle), ArtifactInput.FromFile(c.ArtifactPath), c.Policy));
        Assert.Equal(SigstoreChecks.CertificateChain, error.Check);
        Assert.Contains("the signing certificate is not a DER X.509 certificate", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A self-made certificate with a large unknown extension, hundreds of SAN entries and an SCT list that lies
    /// about its length, over a correct signature: the steps after the log still refuse it, by name; one past the
    /// certificate size limit is refused before it is parsed.
    /// </summary>
    [Theory]
    [InlineData(500, 20_000, "does not chain to a Fulcio CA of the trusted root")]
    [InlineData(5_000, 60_000, "bytes, more than the 65536-byte limit")]
    public void An_absurd_self_made_certificate_is_refused_by_the_chain_check(int sanCount, int extensionSize, string expected)
    {
        var c = new ConformanceCase("happy-path-v0.3");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=absurd", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        for (var i = 0; i < sanCount; i++)
            san.AddUri(new Uri($"https://example.com/{i}"));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509Extension("1.2.3.4.5.6.7.8.9", new byte[extensionSize], critical: false));
        request.CertificateExtensions.Add(new X509Extension(SctVerification.SctListOid, [0x04, 0x04, 0xff, 0xff, 0x00, 0x01], critical: false));
        var integrated = DateTimeOffset.FromUnixTimeSeconds(1710869186);
        using var certificate = request.CreateSelfSigned(integrated.AddMinutes(-5), integrated.AddMinutes(5));

        var artifact = File.ReadAllBytes(c.ArtifactPath);
        var bundle = HappyV03();
        bundle["verificationMaterial"]!["certificate"]!["rawBytes"] = Convert.ToBase64String(certificate.RawData);
        bundle["messageSignature"]!["signature"] = Convert.ToBase64String(key.SignData(artifact, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        var verifier = new SigstoreVerifier(Root(c), TimeProvider.System, new IntegratedTimeEvidence());
        var error = Assert.Throws<SigstoreVerificationException>(() => verifier.Verify(Read(bundle), ArtifactInput.FromBytes(artifact, "a.txt"), c.Policy));
        Assert.Equal(SigstoreChecks.CertificateChain, error.Check);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);

        Assert.Equal(sanCount, FulcioCertificate.SubjectAlternativeNames(certificate).Count);
        var sct = Assert.Throws<SigstoreVerificationException>(() => SignedCertificateTimestamp.ParseList([0xff, 0xff, 0x00, 0x01]));
        Assert.Equal(SigstoreChecks.Sct, sct.Check);
        Assert.Contains("claims 65535 bytes but 2 remain", sct.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00 }, "the SCT list has no length")]
    [InlineData(new byte[] { 0x00, 0x03, 0x00, 0x01, 0x00 }, "SCT 0 is truncated")]
    [InlineData(new byte[] { 0x00, 0x02, 0x00, 0x00, 0x99 }, "bytes follow the SCT list")]
    public void Malformed_sct_lists_are_refused(byte[] list, string expected)
    {
        if (list.Length == 2)
            list = [];
        var error = Assert.Throws<SigstoreVerificationException>(() => SignedCertificateTimestamp.ParseList(list));
        Assert.Equal(SigstoreChecks.Sct, error.Check);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no PEM block found")]
    [InlineData("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n", "the PEM block is malformed")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n", "is 'CERTIFICATE', not 'PUBLIC KEY'")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n", "not a DER SubjectPublicKeyInfo")]
    public void Malformed_keys_are_refused_as_keys(string pem, string expected)
    {
        var error = Assert.Throws<SigstoreVerificationException>(() => SigstorePublicKey.FromPem(pem));
        Assert.Equal(SigstoreChecks.PublicKey, error.Check);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weak_rsa_keys_are_refused()
    {
        using var rsa = RSA.Create(1024);
        var error = Assert.Throws<SigstoreVerificationException>(() => SigstorePublicKey.FromSpki(rsa.ExportSubjectPublicKeyInfo()));
        Assert.Contains("too weak", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_regular_expression_times_out_as_no_match()
    {
        var matcher = StringMatcher.Regex("(a+)+b");
        Assert.False(matcher.Matches(new string('a', 40) + "c"));
        Assert.Equal(SigstoreChecks.Identity, Assert.Throws<SigstoreVerificationException>(() => StringMatcher.Regex("(unclosed")).Check);
    }

    private static JsonNode HappyV03()
    {
        var c = new ConformanceCase("happy-path-v0.3");
        return JsonNode.Parse(File.ReadAllText(c.BundlePath))!;
    }

    private static SigstoreBundle Read(JsonNode bundle) => SigstoreBundleReader.Read(Encoding.UTF8.GetBytes(bundle.ToJsonString()), "edited.json");

    private static TrustedRoot Root(ConformanceCase c) => TrustedRootReader.Read(File.ReadAllBytes(c.TrustedRootPath), c.TrustedRootPath);

    private static SigstoreVerifier ProductionVerifier(ConformanceCase c) => new(Root(c), TimeProvider.System);

    [Fact]
    public void Bundles_and_trusted_roots_that_are_not_UTF_8_are_refused_with_the_byte_offset()
    {
        // Found by the sigstore-bundle and trusted-root fuzz targets: JsonElement.GetString threw InvalidOperationException.
        byte[] bundle = [.. "{\"mediaType\":\"x"u8, 0x80, .. "\"}"u8];
        byte[] root = [.. "{\"mediaType\":\""u8, 0x97, .. "\"}"u8];

        var bundleError = Assert.Throws<SigstoreVerificationException>(() => SigstoreBundleReader.Read(bundle, "bundle.json"));
        var rootError = Assert.Throws<SigstoreVerificationException>(() => TrustedRootReader.Read(root, "trusted_root.json"));

        Assert.Equal("bundle.json: byte 15: the bundle is not valid UTF-8", bundleError.Message[(bundleError.Message.IndexOf("bundle.json", StringComparison.Ordinal))..]);
        Assert.Contains("trusted_root.json: byte 14:", rootError.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", rootError.Message, StringComparison.Ordinal);
    }
}
