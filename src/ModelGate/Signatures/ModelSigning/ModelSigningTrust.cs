using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Who may have signed a model: public keys (key mode), certificate trust anchors (certificate mode), or Sigstore
/// identities (keyless mode). A signature verified by none of them is at best "signed by someone not trusted".
/// </summary>
internal sealed record ModelSigningTrust
{
    public static ModelSigningTrust None { get; } = new();

    /// <summary>Trusted public keys, each with how the user named it.</summary>
    public IReadOnlyList<TrustedKey> PublicKeys { get; init; } = [];

    /// <summary>Certificates a signing certificate may chain to (model_signing <c>verify certificate --certificate_chain</c>).</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; init; } = [];

    /// <summary>Sigstore signer identities (certificate SAN and OIDC issuer).</summary>
    public IReadOnlyList<SigstoreIdentity> Identities { get; init; } = [];

    /// <summary>The Sigstore trusted root (trusted_root.json) for <see cref="Identities"/>; null for the built-in lookup.</summary>
    public string? TrustedRootPath { get; init; }

    public bool IsEmpty => PublicKeys.Count == 0 && CertificateChain.Count == 0 && Identities.Count == 0;
}

/// <summary>A trusted public key and how the user named it.</summary>
internal sealed record TrustedKey(string Display, ECDsa Key);

/// <summary>A Sigstore signer: the certificate's subject alternative name and the OIDC issuer that vouched for it.</summary>
internal sealed record SigstoreIdentity(string Identity, string Issuer);
