using System.Text;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

public sealed class CheckpointTests
{
    private static readonly byte[] Root = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private static InclusionProof Proof(long size = 736, byte[]? root = null) => new(0, root ?? Root, size, [], null);

    [Fact]
    public void A_note_signed_by_the_log_verifies_among_unknown_cosignatures()
    {
        var (log, sign) = TestLogs.Ed25519Log("log.example", 1);
        var (witness, witnessSign) = TestLogs.Ed25519Log("witness.example", 2);
        var text = TestLogs.CheckpointText("log.example", 736, Root);
        var keyId = TransparencyLogKey.NoteKeyId(log, "log.example");
        var note = text + "\n"
            + TestLogs.SignatureLine("witness.example", TransparencyLogKey.NoteKeyId(witness, "witness.example"), witnessSign(Encoding.UTF8.GetBytes(text)))
            + TestLogs.SignatureLine("log.example", keyId ^ 1, new byte[64])
            + TestLogs.SignatureLine("other.example", keyId, new byte[64])
            + TestLogs.SignatureLine("log.example", keyId, sign(Encoding.UTF8.GetBytes(text)));

        var checkpoint = CheckpointVerification.Verify(note, log, Proof());

        Assert.Equal("log.example", checkpoint.Origin);
        Assert.Equal(736, checkpoint.TreeSize);
        Assert.Equal(Root, checkpoint.RootHash);
    }

    [Fact]
    public void The_Ed25519_key_ID_is_the_first_four_bytes_of_the_Rekor_v2_log_ID()
    {
        var (log, _) = TestLogs.Ed25519Log("log.example", 3);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(log.LogId), TransparencyLogKey.NoteKeyId(log, "log.example"));
        var (ecdsa, _) = TestLogs.EcdsaLog("rekor.example");
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ecdsa.LogId), TransparencyLogKey.NoteKeyId(ecdsa, "rekor.example"));
    }

    [Fact]
    public void A_Rekor_v1_note_with_a_tree_id_in_its_origin_and_an_extension_line_verifies()
    {
        var (log, sign) = TestLogs.EcdsaLog("rekor.example");
        var text = TestLogs.CheckpointText("rekor.example - 2605736670972794746", 9, Root) + "Timestamp: 1689177396617352539\n";
        var note = text + "\n" + TestLogs.SignatureLine("rekor.example", TransparencyLogKey.NoteKeyId(log, "rekor.example"), sign(Encoding.UTF8.GetBytes(text)));

        var checkpoint = CheckpointVerification.Verify(note, log, Proof(9));

        Assert.Equal(["Timestamp: 1689177396617352539"], checkpoint.Extensions);
    }

    public static TheoryData<string, string> Rejections() => new()
    {
        { "bad-signature", "does not verify" },
        { "no-log-signature", "no signature line is from the log" },
        { "wrong-size", "tree of 737 leaves" },
        { "wrong-root", "root hash" },
        { "wrong-origin", "origin" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void A_note_that_does_not_commit_to_the_proof_is_rejected(string variant, string reason)
    {
        var (log, sign) = TestLogs.Ed25519Log("log.example", 4);
        var keyId = TransparencyLogKey.NoteKeyId(log, "log.example");
        var origin = variant == "wrong-origin" ? "evil.example" : "log.example";
        var size = variant == "wrong-size" ? 737 : 736;
        var root = variant == "wrong-root" ? new byte[32] : Root;
        var text = TestLogs.CheckpointText(origin, size, root);
        var signature = sign(Encoding.UTF8.GetBytes(text));
        if (variant == "bad-signature")
            signature[5] ^= 1;
        var note = text + "\n" + TestLogs.SignatureLine(variant == "no-log-signature" ? "log2.example" : "log.example", keyId, signature);

        var error = Assert.Throws<SigstoreVerificationException>(() => CheckpointVerification.Verify(note, log, Proof()));

        Assert.Equal(SigstoreChecks.Checkpoint, error.Check);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedNotes() => new()
    {
        { "", "empty" },
        { "log\n1\nAAAA\n", "no blank line" },
        { "log\n1\nAAAA\n\n", "no signature lines" },
        { "log\n1\nAAAA\n\n\u2014 log AAAAAAAA", "does not end in a newline" },
        { "log\n1\nAAAA\n\n- log AAAAAAAA\n", "not a signature line" },
        { "log\n1\nAAAA\n\n\u2014 log\n", "no key name followed by a signature" },
        { "log\n1\nAAAA\n\n\u2014 log !!notbase64!!\n", "not base64" },
        { "log\n1\nAAAA\n\n\u2014 log AAAA\n", "at least 5" },
        { "log\n1\nAAAA\n\n\u2014 lo+g AAAAAAAA\n", "space or '+'" },
        { "log\n1\nAAAA\n\n\u2014 log AAAAAAAA extra\n", "more than a name and a signature" },
        { "log\r\n1\nAAAA\n\n\u2014 log AAAAAAAA\n", "control character U+000D" },
        { "log\u0000\n1\nAAAA\n\n\u2014 log AAAAAAAA\n", "control character U+0000" },
    };

    [Theory]
    [MemberData(nameof(MalformedNotes))]
    public void Malformed_notes_are_rejected_with_the_reason(string note, string reason)
    {
        var error = Assert.Throws<SigstoreVerificationException>(() => SignedNote.Parse(note));
        Assert.Equal(SigstoreChecks.Checkpoint, error.Check);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_with_a_lone_surrogate_is_not_text()
    {
        var error = Assert.Throws<SigstoreVerificationException>(() => SignedNote.Parse("log\ud800\n1\nAAAA\n\n\u2014 log AAAAAAAA\n"));
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedCheckpoints() => new()
    {
        { "log\n736\n", "origin, tree size and root hash are required" },
        { "736\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", "origin, tree size and root hash are required" },
        { "log\n\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", "line 2 of the checkpoint text is empty" },
        { "log\n0736\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", "without leading zeros" },
        { "log\n-1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", "without leading zeros" },
        { "log\n99999999999999999999\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", "fits in 63 bits" },
        { "log\n9223372036854775808\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", "fits in 63 bits" },
        { "log\n736\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n", "base64 of 32 bytes" },
        { "log\n736\nnot base64\n", "base64 of 32 bytes" },
    };

    [Theory]
    [MemberData(nameof(MalformedCheckpoints))]
    public void Malformed_checkpoint_bodies_are_rejected_with_the_line(string text, string reason)
    {
        var error = Assert.Throws<SigstoreVerificationException>(() => LogCheckpoint.Parse(text));
        Assert.Equal(SigstoreChecks.Checkpoint, error.Check);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_with_ten_thousand_signature_lines_is_refused_by_its_bound()
    {
        var line = TestLogs.SignatureLine("witness.example", 7, new byte[64]);
        var note = TestLogs.CheckpointText("log.example", 1, Root) + "\n" + string.Concat(Enumerable.Repeat(line, 10_000));

        var error = Assert.Throws<SigstoreVerificationException>(() => SignedNote.Parse(note));

        Assert.Contains("characters, more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_note_with_more_signature_lines_than_the_bound_is_refused()
    {
        var line = TestLogs.SignatureLine("w", 7, [1]);
        var note = TestLogs.CheckpointText("log.example", 1, Root) + "\n" + string.Concat(Enumerable.Repeat(line, SignedNote.MaxSignatures + 1));

        var error = Assert.Throws<SigstoreVerificationException>(() => SignedNote.Parse(note));

        Assert.Contains($"more than {SignedNote.MaxSignatures} signature lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sixteen_cosignatures_are_accepted()
    {
        var (log, sign) = TestLogs.Ed25519Log("log.example", 5);
        var text = TestLogs.CheckpointText("log.example", 736, Root);
        var witnesses = string.Concat(Enumerable.Range(0, 16).Select(i => TestLogs.SignatureLine($"witness{i}.example", (uint)i, new byte[72])));
        var note = text + "\n" + witnesses + TestLogs.SignatureLine("log.example", TransparencyLogKey.NoteKeyId(log, "log.example"), sign(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(17, SignedNote.Parse(note).Signatures.Count);
        Assert.Equal(736, CheckpointVerification.Verify(note, log, Proof()).TreeSize);
    }

    [Theory]
    [InlineData("https://rekor.sigstore.dev", "rekor.sigstore.dev")]
    [InlineData("https://log2025-1.rekor.sigstore.dev/", "log2025-1.rekor.sigstore.dev")]
    [InlineData("http://127.0.0.1:3000/log", "127.0.0.1:3000/log")]
    public void The_log_key_name_is_its_base_url_without_scheme(string baseUrl, string name)
    {
        var (log, _) = TestLogs.EcdsaLog("x");
        Assert.Equal(name, CheckpointVerification.KeyName(log with { BaseUrl = baseUrl }));
    }
}
