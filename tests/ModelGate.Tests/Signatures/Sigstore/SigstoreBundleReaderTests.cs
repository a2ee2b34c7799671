using System.Text;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

public sealed class SigstoreBundleReaderTests
{
    /// <summary>The conformance bundles the reader itself refuses: their defect is in the bundle's shape.</summary>
    private static readonly Dictionary<string, string> MalformedCases = new(StringComparer.Ordinal)
    {
        ["bundle-malformed-json_fail"] = "not valid JSON",
        ["bundle-invalid-base64-signature_fail"] = "$.messageSignature.signature: is not valid base64",
        ["bundle-empty-certificate-chain_fail"] = "$.verificationMaterial.x509CertificateChain.certificates: is empty",
        ["bundle-negative-log-index_fail"] = "$.verificationMaterial.tlogEntries[0].logIndex: is negative",
        ["bundle-unknown-version_fail"] = "unsupported bundle media type",
    };

    public static TheoryData<string> Cases => [.. SigstoreTestData.CaseNames];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_conformance_bundle_reads_or_is_refused_for_its_documented_defect(string caseName)
    {
        var path = SigstoreTestData.CaseFile(caseName, "bundle.sigstore.json");
        var json = File.ReadAllBytes(path);
        if (MalformedCases.TryGetValue(caseName, out var reason))
        {
            var error = Assert.Throws<SigstoreVerificationException>(() => SigstoreBundleReader.Read(json, path));
            Assert.Equal(SigstoreChecks.BundleFormat, error.Check);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
            return;
        }

        var bundle = SigstoreBundleReader.Read(json, path);
        Assert.Contains(bundle.BundleVersion, new[] { "0.1", "0.2", "0.3" });
        Assert.True(bundle.MessageSignature is not null ^ bundle.DsseEnvelope is not null);
        Assert.NotEmpty(bundle.SignatureBytes);
        Assert.NotEmpty(bundle.VerificationMaterial.TlogEntries);
    }

    [Fact]
    public void Happy_path_v03_reads_every_field()
    {
        var path = SigstoreTestData.CaseFile("happy-path-v0.3", "bundle.sigstore.json");
        var bundle = SigstoreBundleReader.Read(File.ReadAllBytes(path), path);

        Assert.Equal("0.3", bundle.BundleVersion);
        Assert.NotNull(bundle.VerificationMaterial.Certificate);
        Assert.Null(bundle.VerificationMaterial.X509CertificateChain);
        var entry = Assert.Single(bundle.VerificationMaterial.TlogEntries);
        Assert.Equal(79571823, entry.LogIndex);
        Assert.Equal("hashedrekord", entry.Kind);
        Assert.Equal("0.0.1", entry.KindVersion);
        Assert.Equal(1710869186, entry.IntegratedTime);
        Assert.NotNull(entry.SignedEntryTimestamp);
        Assert.Equal(Convert.FromBase64String("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0="), entry.LogKeyId);
        var proof = Assert.IsType<InclusionProof>(entry.Proof);
        Assert.Equal(75408392, proof.LogIndex);
        Assert.Equal(75408393, proof.TreeSize);
        Assert.Equal(11, proof.Hashes.Count);
        Assert.All(proof.Hashes, h => Assert.Equal(32, h.Length));
        Assert.StartsWith("rekor.sigstore.dev - 2605736670972794746\n75408393\n", proof.Checkpoint, StringComparison.Ordinal);
        var message = Assert.IsType<MessageSignature>(bundle.MessageSignature);
        Assert.Equal("SHA2_256", message.DigestAlgorithm);
        Assert.Equal(32, message.Digest!.Length);
    }

    [Fact]
    public void Snake_case_names_url_safe_base64_and_numeric_int64_are_the_protobuf_json_mapping_too()
    {
        const string json = """
            {"media_type":"application/vnd.dev.sigstore.bundle.v0.3+json",
             "verification_material":{"public_key":{"hint":"k"},
               "tlog_entries":[{"log_index":7,"log_id":{"key_id":"-_8"},"kind_version":{"kind":"hashedrekord","version":"0.0.2"},
                 "inclusion_proof":{"log_index":"7","root_hash":"AAAA","tree_size":8,"hashes":["AQ"]},"canonicalized_body":"e30"}],
               "timestamp_verification_data":{"rfc3161_timestamps":[{"signed_timestamp":"MAA="}]}},
             "dsse_envelope":{"payload":"e30=","payload_type":"application/vnd.in-toto+json","signatures":[{"sig":"AQID","keyid":""}]}}
            """;
        var bundle = SigstoreBundleReader.Read(Encoding.UTF8.GetBytes(json), "snake.json");

        Assert.Equal("k", bundle.VerificationMaterial.PublicKeyHint);
        var entry = Assert.Single(bundle.VerificationMaterial.TlogEntries);
        Assert.Equal(new byte[] { 0xfb, 0xff }, entry.LogKeyId);
        Assert.Null(entry.IntegratedTime);
        Assert.Equal(8, entry.Proof!.TreeSize);
        Assert.Equal(new byte[] { 1 }, Assert.Single(entry.Proof.Hashes));
        Assert.Equal(new byte[] { 0x30, 0 }, Assert.Single(bundle.VerificationMaterial.Rfc3161Timestamps));
        Assert.Equal("application/vnd.in-toto+json", bundle.DsseEnvelope!.PayloadType);
        Assert.Equal(new byte[] { 1, 2, 3 }, bundle.SignatureBytes);
    }
}
