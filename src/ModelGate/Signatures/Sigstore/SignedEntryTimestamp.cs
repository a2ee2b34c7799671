using System.Globalization;
using System.Text;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The Rekor v1 inclusion promise: the log's signature over the RFC 8785 canonical JSON of
/// <c>{"body": base64(canonicalizedBody), "integratedTime": n, "logID": hex(log id), "logIndex": n}</c>
/// (rekor <c>pkg/verify</c>, <c>VerifySignedEntryTimestamp</c>).
/// </summary>
internal static class SignedEntryTimestamp
{
    /// <summary>
    /// RFC 8785 writes numbers as ECMAScript doubles, which are exact integers only up to 2^53; the log's
    /// integers never come near it, and larger ones could not be signed the way they are written here.
    /// </summary>
    private const long MaxExactInteger = 1L << 53;

    /// <summary>
    /// The signed payload. Keys in RFC 8785 order (by UTF-16 code units): body, integratedTime, logID, logIndex.
    /// Base64 and lowercase hex need no JSON escaping.
    /// </summary>
    public static byte[] Payload(TransparencyLogEntry entry, long integratedTime)
    {
        if (integratedTime is < 0 or > MaxExactInteger)
            throw Fail($"integratedTime {integratedTime} is outside 0..2^53");
        if (entry.LogIndex is < 0 or > MaxExactInteger)
            throw Fail($"logIndex {entry.LogIndex} is outside 0..2^53");
        var json = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody)}\",\"integratedTime\":{integratedTime},\"logID\":\"{Convert.ToHexStringLower(entry.LogKeyId)}\",\"logIndex\":{entry.LogIndex}}}");
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>Verifies the entry's signed entry timestamp with the log's key.</summary>
    public static void Verify(TransparencyLogEntry entry, long integratedTime, TransparencyLogInstance log)
    {
        var set = entry.SignedEntryTimestamp;
        if (set is not { Length: > 0 })
            throw Fail("the entry has no signed entry timestamp");
        if (!TransparencyLogKey.Verify(log, Payload(entry, integratedTime), set, SigstoreChecks.TlogSet))
            throw Fail($"the signed entry timestamp does not verify with the key of {log.BaseUrl}");
    }

    private static SigstoreVerificationException Fail(string message) =>
        new(SigstoreChecks.TlogSet, "signed entry timestamp: " + message + ".");
}
