namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Verifies every transparency log entry of a bundle (Sigstore client spec, "Transparency log"): the entry's body
/// is about this bundle; the signed entry timestamp, when present, verifies with the log key valid at the
/// integrated time; the inclusion proof, when present, recomputes the root its signed checkpoint commits to.
/// Bundle v0.1 needs the signed entry timestamp, v0.2 and later the inclusion proof.
/// </summary>
internal static class TransparencyLogVerification
{
    /// <summary>Clock skew tolerated between the log and this machine for "integrated time is not in the future".</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Returns the integrated time of each entry whose signed entry timestamp verified (Rekor v2 entries have
    /// none; their time comes from RFC 3161 timestamps). Throws <see cref="SigstoreVerificationException"/> on
    /// the first entry that fails.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Verify(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signingCertificateOrKeyDer, bool isCertificate, DateTimeOffset now)
    {
        var entries = bundle.VerificationMaterial.TlogEntries;
        if (entries.Count == 0)
            throw new SigstoreVerificationException(SigstoreChecks.InclusionProof, "the bundle has no transparency log entry.");
        if (entries.Count > SigstoreLimits.MaxTlogEntries)
            throw new SigstoreVerificationException(SigstoreChecks.BundleFormat, $"the bundle has {entries.Count} transparency log entries, more than {SigstoreLimits.MaxTlogEntries}.");

        var times = new List<DateTimeOffset>();
        for (var i = 0; i < entries.Count; i++)
        {
            try
            {
                if (VerifyEntry(entries[i], bundle, root, signingCertificateOrKeyDer, isCertificate, now) is { } time)
                    times.Add(time);
            }
            catch (SigstoreVerificationException e)
            {
                throw new SigstoreVerificationException(e.Check, $"tlog entry {i}: {e.Message}", e);
            }
        }
        return times;
    }

    /// <summary>
    /// For entries whose time is not vouched for by a signed entry timestamp (Rekor v2 entries, or v1 entries
    /// logged without one), the log's key must have been valid in the trusted root at the times that were
    /// verified otherwise (the genTimes of the RFC 3161 timestamps; <see cref="SignedTimestampVerification.Verify"/>
    /// calls this itself).
    /// </summary>
    public static void VerifyLogValidity(SigstoreBundle bundle, TrustedRoot root, IReadOnlyList<DateTimeOffset> verifiedTimes)
    {
        foreach (var entry in bundle.VerificationMaterial.TlogEntries)
        {
            if (entry.SignedEntryTimestamp is { Length: > 0 })
                continue;
            var logs = root.TlogsById(entry.LogKeyId).ToList();
            if (logs.Count == 0)
                throw new SigstoreVerificationException(TransparencyLogChecks.UnknownLog, $"the entry's log ID {Convert.ToBase64String(entry.LogKeyId)} is not a transparency log of the trusted root.");
            if (verifiedTimes.Count == 0)
                throw new SigstoreVerificationException(TransparencyLogChecks.IntegratedTime, $"the entry in {logs[0].BaseUrl} has no signed entry timestamp and no verified timestamp shows when it was logged.");
            foreach (var time in verifiedTimes)
            {
                if (!logs.Any(log => log.IsValidAt(time)))
                    throw new SigstoreVerificationException(TransparencyLogChecks.IntegratedTime, $"the log {logs[0].BaseUrl} was not valid at the verified time {time:O} in the trusted root.");
            }
        }
    }

    private static DateTimeOffset? VerifyEntry(TransparencyLogEntry entry, SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signingMaterial, bool isCertificate, DateTimeOffset now)
    {
        var logs = root.TlogsById(entry.LogKeyId).ToList();
        if (logs.Count == 0)
            throw new SigstoreVerificationException(TransparencyLogChecks.UnknownLog, $"the entry's log ID {Convert.ToBase64String(entry.LogKeyId)} is not a transparency log of the trusted root.");
        if (entry.LogIndex < 0)
            throw new SigstoreVerificationException(SigstoreChecks.InclusionProof, $"the entry's log index {entry.LogIndex} is negative.");

        var body = RekorEntryBodyReader.Read(entry.CanonicalizedBody);
        RekorEntryBodyCheck.Check(entry, body, bundle, signingMaterial, isCertificate);
        var isRekorV2 = body.ApiVersion == "0.0.2" && body.Kind is "hashedrekord" or "dsse";

        var hasSet = entry.SignedEntryTimestamp is { Length: > 0 };
        var hasProof = entry.Proof is not null;
        if (bundle.BundleVersion == "0.1" && !hasSet)
            throw new SigstoreVerificationException(SigstoreChecks.TlogSet, "a v0.1 bundle needs a signed entry timestamp (inclusion promise), and this entry has none.");
        if (bundle.BundleVersion != "0.1" && !hasProof)
            throw new SigstoreVerificationException(SigstoreChecks.InclusionProof, $"a v{bundle.BundleVersion} bundle needs an inclusion proof, and this entry has none.");
        if (!hasSet && !hasProof)
            throw new SigstoreVerificationException(SigstoreChecks.InclusionProof, "the entry has neither a signed entry timestamp nor an inclusion proof.");

        DateTimeOffset? integrated = null;
        var proofLogs = logs;
        if (hasSet)
        {
            if (isRekorV2)
                throw new SigstoreVerificationException(SigstoreChecks.TlogSet, "a Rekor v2 entry carries no signed entry timestamp; this one claims one.");
            var time = IntegratedTime(entry, now);
            var validLogs = logs.Where(log => log.IsValidAt(time)).ToList();
            if (validLogs.Count == 0)
                throw new SigstoreVerificationException(TransparencyLogChecks.IntegratedTime, $"the log {logs[0].BaseUrl} was not valid at the integrated time {time:O} in the trusted root.");
            VerifyWithAny(validLogs, log => SignedEntryTimestamp.Verify(entry, entry.IntegratedTime!.Value, log));
            integrated = time;
            proofLogs = validLogs;
        }

        if (entry.Proof is { } proof)
        {
            if (isRekorV2 && proof.LogIndex != entry.LogIndex)
                throw new SigstoreVerificationException(SigstoreChecks.InclusionProof, $"the inclusion proof is for index {proof.LogIndex}, the entry says {entry.LogIndex}.");
            if (proof.Hashes.Count > SigstoreLimits.MaxInclusionProofHashes)
                throw new SigstoreVerificationException(SigstoreChecks.InclusionProof, $"inclusion proof: {proof.Hashes.Count} hashes, more than a tree of 2^63 leaves needs.");
            MerkleInclusionProof.Verify(proof.LogIndex, proof.TreeSize, MerkleInclusionProof.LeafHash(entry.CanonicalizedBody), proof.Hashes, proof.RootHash);
            if (!string.IsNullOrEmpty(proof.Checkpoint))
                VerifyWithAny(proofLogs, log => CheckpointVerification.Verify(proof.Checkpoint, log, proof));
            else if (bundle.BundleVersion != "0.1")
                throw new SigstoreVerificationException(SigstoreChecks.Checkpoint, "checkpoint: the inclusion proof has no checkpoint to commit to its root.");

            // A v0.1 bundle (made before checkpoints were kept) may carry a proof without one: its root is then
            // signed by nobody, so the proof adds nothing, and the verified signed entry timestamp stands alone.

        }
        return integrated;
    }

    private static DateTimeOffset IntegratedTime(TransparencyLogEntry entry, DateTimeOffset now)
    {
        if (entry.IntegratedTime is not { } seconds || seconds <= 0)
            throw new SigstoreVerificationException(TransparencyLogChecks.IntegratedTime, "the entry has a signed entry timestamp but no integrated time.");
        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            throw new SigstoreVerificationException(TransparencyLogChecks.IntegratedTime, $"the integrated time {seconds} is not a date.");
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (time > now + AllowedClockSkew)
            throw new SigstoreVerificationException(TransparencyLogChecks.IntegratedTime, $"the integrated time {time:O} is in the future (now is {now:O}).");
        return time;
    }

    /// <summary>
    /// A trusted root may list one log ID more than once (a key re-listed with a new validity period); the step
    /// passes if it passes with one of them, and fails with the first failure otherwise.
    /// </summary>
    private static void VerifyWithAny(List<TransparencyLogInstance> logs, Action<TransparencyLogInstance> step)
    {
        SigstoreVerificationException? first = null;
        foreach (var log in logs)
        {
            try
            {
                step(log);
                return;
            }
            catch (SigstoreVerificationException e)
            {
                first ??= e;
            }
        }
        throw first!;
    }
}
