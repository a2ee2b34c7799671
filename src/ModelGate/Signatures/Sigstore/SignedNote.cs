using System.Buffers.Binary;
using System.Text;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, then signature lines
/// <c>— &lt;key name&gt; base64(key ID || signature)</c>. <see cref="Text"/> is what the keys signed: the text up to
/// and including its final newline, without the separating blank line.
/// </summary>
internal sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>A checkpoint is a few hundred bytes; witnesses add about a hundred bytes each.</summary>
    public const int MaxNoteChars = 64 * 1024;

    /// <summary>The spec asks verifiers to accept at least 16 signatures and to bound the number.</summary>
    public const int MaxSignatures = 64;

    private const char EmDash = '\u2014';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The UTF-8 bytes the signatures cover.</summary>
    public byte[] SignedBytes => StrictUtf8.GetBytes(Text);

    /// <summary>Parses a signed note; any departure from the format is a <c>checkpoint</c> failure.</summary>
    public static SignedNote Parse(string note)
    {
        if (note.Length == 0)
            throw Fail("the checkpoint is empty");
        if (note.Length > MaxNoteChars)
            throw Fail($"the checkpoint is {note.Length} characters, more than the {MaxNoteChars} allowed");
        for (var i = 0; i < note.Length; i++)
        {
            var c = note[i];
            if (c < 0x20 && c != '\n')
                throw Fail($"the checkpoint has control character U+{(int)c:X4} at character {i}");
        }
        try
        {
            _ = StrictUtf8.GetByteCount(note);
        }
        catch (EncoderFallbackException)
        {
            throw Fail("the checkpoint is not valid Unicode text");
        }

        // The text is separated from the signatures by the last empty line (signed-note "Format").
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
            throw Fail("the checkpoint has no blank line between its text and its signatures");
        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0)
            throw Fail("the checkpoint has no signature lines");
        if (block[^1] != '\n')
            throw Fail("the checkpoint's last signature line does not end in a newline");

        var signatures = new List<NoteSignature>();
        var lineNumber = text.Count(c => c == '\n') + 1;
        foreach (var line in block[..^1].Split('\n'))
        {
            lineNumber++;
            if (signatures.Count == MaxSignatures)
                throw Fail($"the checkpoint has more than {MaxSignatures} signature lines");
            signatures.Add(ParseSignatureLine(line, lineNumber));
        }
        return new SignedNote(text, signatures);
    }

    private static NoteSignature ParseSignatureLine(string line, int lineNumber)
    {
        // "— <key name> <base64 signature>": em dash, space, name, space, signature.
        if (line.Length < 2 || line[0] != EmDash || line[1] != ' ')
            throw Fail($"line {lineNumber} of the checkpoint is not a signature line (\"— name signature\")");
        var rest = line.AsSpan(2);
        var space = rest.IndexOf(' ');
        if (space <= 0)
            throw Fail($"line {lineNumber} of the checkpoint has no key name followed by a signature");
        var name = rest[..space].ToString();
        var encoded = rest[(space + 1)..];
        if (name.Any(c => char.IsWhiteSpace(c) || c == '+'))
            throw Fail($"line {lineNumber} of the checkpoint has a key name with a space or '+'");
        if (encoded.IndexOf(' ') >= 0)
            throw Fail($"line {lineNumber} of the checkpoint has more than a name and a signature");
        var bytes = new byte[(encoded.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var written))
            throw Fail($"line {lineNumber} of the checkpoint has a signature that is not base64");
        if (written < 5)
            throw Fail($"line {lineNumber} of the checkpoint has a signature of {written} bytes; a key ID and a signature need at least 5");
        var keyId = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return new NoteSignature(name, keyId, bytes.AsSpan(4, written - 4).ToArray());
    }

    private static SigstoreVerificationException Fail(string message) =>
        new(SigstoreChecks.Checkpoint, "checkpoint: " + message + ".");
}
