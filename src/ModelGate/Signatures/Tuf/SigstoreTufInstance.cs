using System.Reflection;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Signatures.Tuf;

/// <summary>
/// A Sigstore TUF repository: where it is served and the root.json ModelGate ships as the first trusted root.
/// The shipped roots are public metadata, copied unchanged from the Sigstore clients that embed them:
/// production version 15 (expires 2026-11-20T13:58:18Z; as a Swift Sigstore client embeds it), staging version 12 (expires 2025-12-26T13:27:03Z; from
/// sigstore-python's <c>sigstore/_store/https%3A%2F%2Ftuf-repo-cdn.sigstage.dev/root.json</c>). Their root signatures verify (a test checks). A shipped root
/// may have expired: §5.3 only requires the root reached after walking N+1.root.json to be current.
/// </summary>
internal sealed record SigstoreTufInstance(string Name, Uri Repository, string RootResource)
{
    public static SigstoreTufInstance Production { get; } =
        new(SigstoreTrustLocations.Production, new Uri("https://tuf-repo-cdn.sigstore.dev/"), "ModelGate.Signatures.Tuf.Roots.production-root.json");

    public static SigstoreTufInstance Staging { get; } =
        new(SigstoreTrustLocations.Staging, new Uri("https://tuf-repo-cdn.sigstage.dev/"), "ModelGate.Signatures.Tuf.Roots.staging-root.json");

    public byte[] EmbeddedRoot()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(RootResource)
            ?? throw new InvalidOperationException($"resource {RootResource} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
