using System.Globalization;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The body of a checkpoint (c2sp.org/tlog-checkpoint "Note text"): origin, tree size, root hash, then optional
/// extension lines (Rekor v1 writes <c>Timestamp: …</c>). Read from the text of a <see cref="SignedNote"/>.
/// </summary>
internal sealed record LogCheckpoint(string Origin, long TreeSize, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    public static LogCheckpoint Parse(string text)
    {
        // The text ends in a newline (SignedNote guarantees it); every line before it must be non-empty.
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
            throw Fail($"the checkpoint text has {lines.Length} lines; origin, tree size and root hash are required");
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                throw Fail($"line {i + 1} of the checkpoint text is empty");
        }

        var origin = lines[0];
        if (!IsCanonicalDecimal(lines[1]) || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw Fail($"line 2 of the checkpoint, the tree size \"{Shorten(lines[1])}\", is not a decimal number without leading zeros that fits in 63 bits");
        var root = new byte[MerkleInclusionProof.HashSize];
        if (!Convert.TryFromBase64String(lines[2], root, out var written) || written != MerkleInclusionProof.HashSize)
            throw Fail($"line 3 of the checkpoint, the root hash \"{Shorten(lines[2])}\", is not the base64 of {MerkleInclusionProof.HashSize} bytes");
        return new LogCheckpoint(origin, size, root, lines[3..]);
    }

    private static bool IsCanonicalDecimal(string s) =>
        s.Length is > 0 and <= 19 && s.All(char.IsAsciiDigit) && (s == "0" || s[0] != '0');

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";

    private static SigstoreVerificationException Fail(string message) =>
        new(SigstoreChecks.Checkpoint, "checkpoint: " + message + ".");
}
