using System.Text;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

public sealed class RekorEntryBodyTests
{
    [Theory]
    [InlineData("happy-path-v0.3", "hashedrekord", "0.0.1", true)]
    [InlineData("happy-path-intoto-in-dsse-v3", "dsse", "0.0.1", true)]
    [InlineData("intoto-with-custom-trust-root", "intoto", "0.0.2", true)]
    [InlineData("rekor2-happy-path", "hashedrekord", "0.0.2", true)]
    [InlineData("managed-key-happy-path", "hashedrekord", "0.0.1", false)]
    public void Conformance_bodies_read_with_their_signature_and_verifier(string caseName, string kind, string version, bool certificate)
    {
        var path = SigstoreTestData.CaseFile(caseName, "bundle.sigstore.json");
        var bundle = SigstoreBundleReader.Read(File.ReadAllBytes(path), path);

        var body = RekorEntryBodyReader.Read(bundle.VerificationMaterial.TlogEntries[0].CanonicalizedBody);

        Assert.Equal(kind, body.Kind);
        Assert.Equal(version, body.ApiVersion);
        var signature = Assert.Single(body.Signatures);
        Assert.Equal(bundle.SignatureBytes, signature.Signature);
        Assert.Equal(certificate, signature.VerifierIsCertificate);
        if (certificate)
            Assert.Equal(bundle.VerificationMaterial.LeafCertificate, signature.VerifierDer);
        Assert.True(body.Digest is not null ^ body.PayloadHash is not null);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "", "not JSON" },
        { "[]", "$ is an array, not an object" },
        { "{\"kind\":1}", "$.kind is a number, not a string" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\"}", "$.spec is missing" },
        { "{\"kind\":\"rekord\",\"apiVersion\":\"0.0.1\",\"spec\":{}}", "rekord 0.0.1; supported are" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"md5\",\"value\":\"00\"}}}}", "$.spec.data.hash.algorithm \"md5\"" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"xyz\"}}}}", "$.spec.data.hash.value is not a hex digest" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"00\"}},\"signature\":{\"content\":\"!!\"}}}", "$.spec.signature.content is not valid base64" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"00\"}},\"signature\":{\"content\":\"AA==\",\"publicKey\":{\"content\":\"AA==\"}}}}", "$.spec.signature.publicKey.content is not PEM" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\"00\"}},\"signature\":{\"content\":\"AA==\",\"publicKey\":{\"content\":\"LS0tLS1CRUdJTiBYLS0tLS0KQUE9PQotLS0tLUVORCBYLS0tLS0K\"}}}}", "PEM \"X\", neither CERTIFICATE nor PUBLIC KEY" },
        { "{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\",\"spec\":{\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"00\"},\"signatures\":[]}}", "$.spec.signatures is empty" },
        { "{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\",\"spec\":{\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"00\"},\"signatures\":[1]}}", "$.spec.signatures[0] is a number, not an object" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.2\",\"spec\":{\"hashedRekordV002\":{\"data\":{\"algorithm\":\"SHA2_256\",\"digest\":\"AA==\"},\"signature\":{\"content\":\"AA==\",\"verifier\":{}}}}}", "exactly one of publicKey and x509Certificate" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.2\",\"spec\":{\"hashedRekordV002\":{\"data\":{\"algorithm\":\"SHA1\",\"digest\":\"AA==\"}}}}", "\"SHA1\" is not SHA2_256" },
        { "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.2\",\"spec\":{\"dsseV002\":{}}}", "$.spec.hashedRekordV002 is missing" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_bodies_are_rejected_naming_the_json_path(string json, string reason)
    {
        var error = Assert.Throws<SigstoreVerificationException>(() => RekorEntryBodyReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(SigstoreChecks.TlogBody, error.Check);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deeply_nested_body_is_rejected_without_recursion()
    {
        var json = "{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\",\"spec\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        var error = Assert.Throws<SigstoreVerificationException>(() => RekorEntryBodyReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_signatures_are_rejected()
    {
        var signature = "{\"signature\":\"AA==\",\"verifier\":\"AA==\"}";
        var json = "{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\",\"spec\":{\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"00\"},\"signatures\":["
            + string.Join(",", Enumerable.Repeat(signature, 10_000)) + "]}}";
        var error = Assert.Throws<SigstoreVerificationException>(() => RekorEntryBodyReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("10000 signatures", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Rekor_v2_dsse_body_matches_the_envelope_it_records_and_no_other()
    {
        // rekor-tiles DSSELogEntryV002, built from the rekor2-dsse-happy-path envelope (no conformance case logs one).
        var path = SigstoreTestData.CaseFile("rekor2-dsse-happy-path", "bundle.sigstore.json");
        var bundle = SigstoreBundleReader.Read(File.ReadAllBytes(path), path);
        var envelope = bundle.DsseEnvelope!;
        var leaf = bundle.VerificationMaterial.LeafCertificate!;
        var json = "{\"apiVersion\":\"0.0.2\",\"kind\":\"dsse\",\"spec\":{\"dsseV002\":{\"payloadHash\":{\"algorithm\":\"SHA2_256\",\"digest\":\""
            + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(envelope.Payload))
            + "\"},\"signatures\":[{\"content\":\"" + Convert.ToBase64String(envelope.Signatures[0].Sig)
            + "\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"x509Certificate\":{\"rawBytes\":\"" + Convert.ToBase64String(leaf) + "\"}}}]}}}";
        var entry = bundle.VerificationMaterial.TlogEntries[0] with { Kind = "dsse", KindVersion = "0.0.2", CanonicalizedBody = Encoding.UTF8.GetBytes(json) };

        var body = RekorEntryBodyReader.Read(entry.CanonicalizedBody);
        RekorEntryBodyCheck.Check(entry, body, bundle, leaf, isCertificate: true);

        var otherPayload = bundle with { DsseEnvelope = envelope with { Payload = [.. envelope.Payload, (byte)' '] } };
        var error = Assert.Throws<SigstoreVerificationException>(() => RekorEntryBodyCheck.Check(entry, body, otherPayload, leaf, isCertificate: true));
        Assert.Contains("payload hash", error.Message, StringComparison.Ordinal);
        var messageBundle = bundle with { DsseEnvelope = null, MessageSignature = new MessageSignature("SHA2_256", new byte[32], envelope.Signatures[0].Sig) };
        Assert.Throws<SigstoreVerificationException>(() => RekorEntryBodyCheck.Check(entry, body, messageBundle, leaf, isCertificate: true));
    }

    [Fact]
    public void The_DSSE_PAE_is_the_spec_encoding()
    {
        // secure-systems-lab/dsse protocol.md: PAE("http://example.com/HelloWorld", "hello world").
        var pae = RekorEntryBodyCheck.Pae("http://example.com/HelloWorld", "hello world"u8.ToArray());
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
    }
}
