namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Verifies the checkpoint an inclusion proof commits to (c2sp.org/signed-note, c2sp.org/tlog-checkpoint): the
/// log's signature line is the one whose key name and key ID are the log's; signature lines of other keys
/// (witness cosignatures, a rotated key) are ignored; a line of the log's key that does not verify rejects the
/// note; the signed tree size and root hash must be the proof's.
/// </summary>
internal static class CheckpointVerification
{
    public static LogCheckpoint Verify(string envelope, TransparencyLogInstance log, InclusionProof proof)
    {
        var note = SignedNote.Parse(envelope);

        // Parsed before the signatures are checked, so that a note missing its origin, size or root hash is
        // named for that rather than for a signature that no longer matches the text.
        var checkpoint = LogCheckpoint.Parse(note.Text);
        var keyName = KeyName(log);
        var keyId = TransparencyLogKey.NoteKeyId(log, keyName);
        var signedBytes = note.SignedBytes;
        var verified = 0;
        foreach (var signature in note.Signatures)
        {
            if (signature.KeyName != keyName || signature.KeyId != keyId)
                continue;
            if (!TransparencyLogKey.Verify(log, signedBytes, signature.Signature, SigstoreChecks.Checkpoint))
                throw Fail($"the signature of {keyName} (key ID {keyId:x8}) does not verify with the log's key");
            verified++;
        }
        if (verified == 0)
            throw Fail($"no signature line is from the log {keyName} (key ID {keyId:x8}); the note has {note.Signatures.Count}: {Describe(note.Signatures)}");

        if (!OriginBelongsTo(checkpoint.Origin, keyName))
            throw Fail($"the checkpoint's origin \"{Shorten(checkpoint.Origin)}\" is not the log {keyName}");
        if (checkpoint.TreeSize != proof.TreeSize)
            throw Fail($"the checkpoint is for a tree of {checkpoint.TreeSize} leaves, the inclusion proof for {proof.TreeSize}");
        if (!checkpoint.RootHash.AsSpan().SequenceEqual(proof.RootHash))
            throw Fail($"the checkpoint's root hash {Convert.ToHexStringLower(checkpoint.RootHash)} is not the inclusion proof's {Convert.ToHexStringLower(proof.RootHash)}");
        return checkpoint;
    }

    /// <summary>
    /// The log's note key name: its base URL without the scheme and trailing slash (rekor and rekor-tiles sign
    /// with the host name, e.g. <c>rekor.sigstore.dev</c>, <c>log2025-1.rekor.sigstore.dev</c>).
    /// </summary>
    public static string KeyName(TransparencyLogInstance log)
    {
        var url = log.BaseUrl;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            url = url[(scheme + 3)..];
        return url.TrimEnd('/');
    }

    /// <summary>
    /// Rekor v2 (tlog-checkpoint) names the log by its origin line; Rekor v1 writes "&lt;host&gt; - &lt;tree id&gt;".
    /// </summary>
    private static bool OriginBelongsTo(string origin, string keyName) =>
        origin == keyName || origin.StartsWith(keyName + " - ", StringComparison.Ordinal);

    private static string Describe(IReadOnlyList<NoteSignature> signatures) =>
        string.Join(", ", signatures.Take(4).Select(s => $"{Shorten(s.KeyName)} ({s.KeyId:x8})")) + (signatures.Count > 4 ? ", …" : "");

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";

    private static SigstoreVerificationException Fail(string message) =>
        new(SigstoreChecks.Checkpoint, "checkpoint: " + message + ".");
}
