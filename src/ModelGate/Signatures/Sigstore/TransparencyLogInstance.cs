namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A transparency or CT log of the trusted root. <see cref="PublicKeySpki"/> is the DER SubjectPublicKeyInfo,
/// <see cref="KeyDetails"/> the protobuf-specs <c>PublicKeyDetails</c> name (e.g. <c>PKIX_ECDSA_P256_SHA_256</c>).
/// The validity period is a closed interval; a missing end means "still valid".
/// </summary>
internal sealed record TransparencyLogInstance(
    string BaseUrl,
    string HashAlgorithm,
    byte[] PublicKeySpki,
    string KeyDetails,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    byte[] LogId)
{
    /// <summary>Whether the key was valid at <paramref name="time"/> (both ends inclusive).</summary>
    public bool IsValidAt(DateTimeOffset time) => TrustedRootValidity.Covers(ValidFrom, ValidTo, time);
}
