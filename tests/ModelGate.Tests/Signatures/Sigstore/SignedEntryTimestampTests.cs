using System.Text;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

public sealed class SignedEntryTimestampTests
{
    private static TransparencyLogEntry Entry(byte[] logId, long index = 7, byte[]? body = null) =>
        new(index, logId, "hashedrekord", "0.0.1", 1700000000, null, null, body ?? "{\"k\":1}"u8.ToArray());

    [Fact]
    public void The_payload_is_RFC_8785_canonical_JSON_with_sorted_keys()
    {
        var entry = Entry([0xab, 0x01], index: 12, body: "{}"u8.ToArray());

        var payload = Encoding.UTF8.GetString(SignedEntryTimestamp.Payload(entry, 1689177396));

        Assert.Equal("{\"body\":\"e30=\",\"integratedTime\":1689177396,\"logID\":\"ab01\",\"logIndex\":12}", payload);
    }

    [Fact]
    public void A_set_signed_by_the_log_verifies_and_a_changed_field_does_not()
    {
        var (log, sign) = TestLogs.EcdsaLog("rekor.example");
        var entry = Entry(log.LogId);
        var signed = entry with { SignedEntryTimestamp = sign(SignedEntryTimestamp.Payload(entry, 1700000000)) };

        SignedEntryTimestamp.Verify(signed, 1700000000, log);
        Assert.Throws<SigstoreVerificationException>(() => SignedEntryTimestamp.Verify(signed, 1700000001, log));
        Assert.Throws<SigstoreVerificationException>(() => SignedEntryTimestamp.Verify(signed with { LogIndex = 8 }, 1700000000, log));
        Assert.Throws<SigstoreVerificationException>(() => SignedEntryTimestamp.Verify(signed with { CanonicalizedBody = "{\"k\":2}"u8.ToArray() }, 1700000000, log));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData((1L << 53) + 1)]
    [InlineData(long.MaxValue)]
    public void Integers_that_canonical_JSON_cannot_write_exactly_are_rejected(long value)
    {
        var (log, _) = TestLogs.EcdsaLog("rekor.example");
        var error = Assert.Throws<SigstoreVerificationException>(() => SignedEntryTimestamp.Payload(Entry(log.LogId), value));
        Assert.Equal(SigstoreChecks.TlogSet, error.Check);
        Assert.Throws<SigstoreVerificationException>(() => SignedEntryTimestamp.Payload(Entry(log.LogId, index: value), 1));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x00 })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff })]
    public void An_absent_or_garbage_set_is_rejected(byte[] set)
    {
        var (log, _) = TestLogs.EcdsaLog("rekor.example");
        var error = Assert.Throws<SigstoreVerificationException>(() => SignedEntryTimestamp.Verify(Entry(log.LogId) with { SignedEntryTimestamp = set }, 1700000000, log));
        Assert.Equal(SigstoreChecks.TlogSet, error.Check);
    }

    [Fact]
    public void The_conformance_happy_path_set_verifies_with_the_production_log_key()
    {
        var path = SigstoreTestData.CaseFile("happy-path-v0.1", "bundle.sigstore.json");
        var bundle = SigstoreBundleReader.Read(File.ReadAllBytes(path), path);
        var root = TrustedRootReader.Read(File.ReadAllBytes(SigstoreTestData.ProductionTrustedRoot), SigstoreTestData.ProductionTrustedRoot);
        var entry = bundle.VerificationMaterial.TlogEntries[0];
        var log = Assert.Single(root.TlogsById(entry.LogKeyId));

        SignedEntryTimestamp.Verify(entry, entry.IntegratedTime!.Value, log);
        Assert.Throws<SigstoreVerificationException>(() => SignedEntryTimestamp.Verify(entry, entry.IntegratedTime.Value + 1, log));
    }
}
