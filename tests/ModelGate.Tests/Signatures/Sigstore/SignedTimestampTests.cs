using System.Formats.Asn1;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

public sealed class SignedTimestampTests
{
    private static (SigstoreBundle Bundle, TrustedRoot Root) Case(string caseName)
    {
        var bundlePath = SigstoreTestData.CaseFile(caseName, "bundle.sigstore.json");
        var rootPath = SigstoreTestData.CaseFile(caseName, "trusted_root.json");
        return (SigstoreBundleReader.Read(File.ReadAllBytes(bundlePath), bundlePath), TrustedRootReader.Read(File.ReadAllBytes(rootPath), rootPath));
    }

    private static SigstoreBundle WithTimestamps(SigstoreBundle bundle, params byte[][] timestamps) =>
        bundle with { VerificationMaterial = bundle.VerificationMaterial with { Rfc3161Timestamps = timestamps } };

    [Fact]
    public void A_timestamp_over_other_bytes_is_rejected_for_its_message_imprint()
    {
        var (bundle, root) = Case("rekor2-happy-path");
        var other = bundle.SignatureBytes.ToArray();
        other[^1] ^= 1;

        var error = Assert.Throws<SigstoreVerificationException>(() => SignedTimestampVerification.Verify(bundle, root, other));

        Assert.Equal(SigstoreChecks.Timestamp, error.Check);
        Assert.Contains("message imprint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_root_without_timestamp_authorities_trusts_no_timestamp()
    {
        var (bundle, root) = Case("rekor2-happy-path");
        var error = Assert.Throws<SigstoreVerificationException>(() =>
            SignedTimestampVerification.Verify(bundle, root with { TimestampAuthorities = [] }, bundle.SignatureBytes));
        Assert.Contains("no timestamp authorities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_authority_whose_validity_ends_one_second_before_gen_time_is_not_trusted()
    {
        var (bundle, root) = Case("trust-root-tsa-validity-end-inclusive");
        var authority = root.TimestampAuthorities[0];
        var shortened = root with { TimestampAuthorities = [authority with { ValidTo = authority.ValidTo!.Value.AddSeconds(-1) }] };

        var error = Assert.Throws<SigstoreVerificationException>(() => SignedTimestampVerification.Verify(bundle, shortened, bundle.SignatureBytes));

        Assert.Contains("is not valid at 2025-06-12T12:02:20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_without_timestamps_gives_no_time()
    {
        var (bundle, root) = Case("rekor2-happy-path");
        Assert.Empty(SignedTimestampVerification.Verify(WithTimestamps(bundle), root, bundle.SignatureBytes));
    }

    [Fact]
    public void Every_timestamp_must_verify_not_just_one()
    {
        var (bundle, root) = Case("rekor2-happy-path");
        var good = bundle.VerificationMaterial.Rfc3161Timestamps[0];
        var (mismatched, _) = Case("rekor2-timestamp-payload-mismatch_fail");

        var error = Assert.Throws<SigstoreVerificationException>(() =>
            SignedTimestampVerification.Verify(WithTimestamps(bundle, good, mismatched.VerificationMaterial.Rfc3161Timestamps[0]), root, bundle.SignatureBytes));

        Assert.StartsWith("RFC 3161 timestamp 1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Rekor_v2_log_must_be_valid_at_the_verified_timestamp()
    {
        var (bundle, root) = Case("rekor2-happy-path");
        var times = SignedTimestampVerification.Verify(bundle, root, bundle.SignatureBytes);
        TransparencyLogVerification.VerifyLogValidity(bundle, root, times);

        var logId = bundle.VerificationMaterial.TlogEntries[0].LogKeyId;
        var late = root with { Tlogs = [.. root.Tlogs.Select(log => log.LogId.AsSpan().SequenceEqual(logId) ? log with { ValidFrom = times[0].AddSeconds(1) } : log)] };
        var error = Assert.Throws<SigstoreVerificationException>(() => TransparencyLogVerification.VerifyLogValidity(bundle, late, times));
        Assert.Equal(TransparencyLogChecks.IntegratedTime, error.Check);

        var none = Assert.Throws<SigstoreVerificationException>(() => TransparencyLogVerification.VerifyLogValidity(bundle, root, []));
        Assert.Contains("no verified timestamp", none.Message, StringComparison.Ordinal);

        var throughTimestamps = Assert.Throws<SigstoreVerificationException>(() => SignedTimestampVerification.Verify(bundle, late, bundle.SignatureBytes));
        Assert.Equal(TransparencyLogChecks.IntegratedTime, throughTimestamps.Check);
    }

    public static TheoryData<byte[], string> MalformedResponses() => new()
    {
        { [], "is empty" },
        { [0x30, 0x80, 0x00, 0x00], "not a DER timestamp response" },
        { [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x00], "has no timestamp token" },
        { Response(status: 2, token: null), "status 2: the timestamp authority did not grant the request" },
        { Response(status: 0, token: [0x30, 0x03, 0x06, 0x01, 0x00]), "does not hold an acceptable RFC 3161 timestamp token" },
        { [0x30, 0x03, 0x30, 0x01, 0x00], "not a DER timestamp response" },
        { [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x00, 0xff], "has bytes after the timestamp response" },
        { new byte[TimestampResponse.MaxResponseBytes + 1], "more than the" },
    };

    [Theory]
    [MemberData(nameof(MalformedResponses))]
    public void Malformed_timestamp_responses_are_rejected_with_the_reason(byte[] response, string reason)
    {
        var error = Assert.Throws<SigstoreVerificationException>(() => TimestampResponse.ReadToken(response, 0));
        Assert.Equal(SigstoreChecks.Timestamp, error.Check);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static byte[] Response(int status, byte[]? token)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
                writer.WriteInteger(status);
            if (token is not null)
                writer.WriteEncodedValue(token);
        }
        return writer.Encode();
    }
}
