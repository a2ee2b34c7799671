using System.Buffers.Binary;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// One SCT from a certificate's SCT list extension (RFC 6962 §3.3), read from its TLS encoding. Only v1 SCTs exist.
/// </summary>
internal sealed record SignedCertificateTimestamp(
    byte[] LogId,
    ulong Timestamp,
    byte[] Extensions,
    byte HashAlgorithm,
    byte SignatureAlgorithm,
    byte[] Signature)
{
    private const int LogIdLength = 32;

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(Timestamp, (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));

    /// <summary>Parses a SignedCertificateTimestampList (<c>opaque SerializedSCT&lt;1..2^16-1&gt;</c> list). Throws with check "sct".</summary>
    public static IReadOnlyList<SignedCertificateTimestamp> ParseList(ReadOnlySpan<byte> list)
    {
        var items = Vector16(ref list, "the SCT list");
        if (!list.IsEmpty)
            throw Malformed("bytes follow the SCT list");
        var scts = new List<SignedCertificateTimestamp>();
        while (!items.IsEmpty)
        {
            var sct = Vector16(ref items, $"SCT {scts.Count}");
            scts.Add(Parse(sct, scts.Count));
        }

        return scts;
    }

    private static SignedCertificateTimestamp Parse(ReadOnlySpan<byte> sct, int index)
    {
        var what = $"SCT {index}";
        if (sct.Length < 1 + LogIdLength + 8)
            throw Malformed($"{what} is truncated");
        if (sct[0] != 0)
            throw Malformed($"{what} has version {sct[0]}; only v1 (0) is defined");
        var logId = sct.Slice(1, LogIdLength).ToArray();
        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(sct.Slice(1 + LogIdLength, 8));
        var rest = sct[(1 + LogIdLength + 8)..];
        var extensions = Vector16(ref rest, $"{what} extensions").ToArray();
        if (rest.Length < 2)
            throw Malformed($"{what} has no signature algorithm");
        var hash = rest[0];
        var signatureAlgorithm = rest[1];
        rest = rest[2..];
        var signature = Vector16(ref rest, $"{what} signature").ToArray();
        if (!rest.IsEmpty)
            throw Malformed($"{what} has {rest.Length} trailing bytes");
        return new SignedCertificateTimestamp(logId, timestamp, extensions, hash, signatureAlgorithm, signature);
    }

    private static ReadOnlySpan<byte> Vector16(ref ReadOnlySpan<byte> data, string what)
    {
        if (data.Length < 2)
            throw Malformed($"{what} has no length");
        int length = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (length > data.Length - 2)
            throw Malformed($"{what} claims {length} bytes but {data.Length - 2} remain");
        var value = data.Slice(2, length);
        data = data[(2 + length)..];
        return value;
    }

    private static SigstoreVerificationException Malformed(string reason) =>
        new(SigstoreChecks.Sct, $"the certificate's embedded SCT list is malformed: {reason}");
}
