using System.Security.Cryptography;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>One folder of the conformance suite, with the defaults its README describes.</summary>
internal sealed class ConformanceCase(string name)
{
    public const string DefaultIdentity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    public const string DefaultIssuer = "https://token.actions.githubusercontent.com";

    public string Name { get; } = name;

    public string Folder => Path.Combine(SigstoreTestData.ConformanceCases, Name);

    public bool ShouldFail => Name.EndsWith("_fail", StringComparison.Ordinal);

    public string BundlePath => Path.Combine(Folder, "bundle.sigstore.json");

    public string ArtifactPath => File.Exists(Path.Combine(Folder, "artifact")) ? Path.Combine(Folder, "artifact") : Path.Combine(SigstoreTestData.ConformanceCases, "a.txt");

    public string ArtifactDigest => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(ArtifactPath)));

    public string TrustedRootPath => File.Exists(Path.Combine(Folder, "trusted_root.json")) ? Path.Combine(Folder, "trusted_root.json") : SigstoreTestData.ProductionTrustedRoot;

    public string? KeyPath => File.Exists(Path.Combine(Folder, "key.pub")) ? Path.Combine(Folder, "key.pub") : null;

    public string Identity => ReadOptional("identity") ?? DefaultIdentity;

    public string Issuer => ReadOptional("issuer") ?? DefaultIssuer;

    public VerificationPolicy Policy => KeyPath is { } key
        ? VerificationPolicy.ForKey(SigstorePublicKey.FromPem(File.ReadAllText(key)))
        : VerificationPolicy.ForIdentity(StringMatcher.Exact(Identity), StringMatcher.Exact(Issuer));

    private string? ReadOptional(string file) =>
        File.Exists(Path.Combine(Folder, file)) ? File.ReadAllText(Path.Combine(Folder, file)).Trim() : null;
}
