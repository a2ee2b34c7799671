namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The transparency-log and signed-timestamp checks, behind one seam so the verifier can be exercised with the
/// real checks (<see cref="SigstoreLogEvidence"/>) or without them in tests of the other steps.
/// </summary>
internal interface ISigstoreLogEvidence
{
    /// <summary>Verifies every tlog entry; returns the integrated times it vouches for (entries with a verified SET).</summary>
    IReadOnlyList<DateTimeOffset> VerifyTransparencyLog(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signerDer, bool isCertificate, DateTimeOffset now);

    /// <summary>Verifies every RFC 3161 timestamp over <paramref name="signature"/>; returns their genTimes.</summary>
    IReadOnlyList<DateTimeOffset> VerifySignedTimestamps(SigstoreBundle bundle, TrustedRoot root, ReadOnlySpan<byte> signature);
}
