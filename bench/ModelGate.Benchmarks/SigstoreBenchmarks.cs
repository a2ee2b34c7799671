using BenchmarkDotNet.Attributes;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Benchmarks;

/// <summary>
/// Verifying one Sigstore bundle of the conformance suite end to end (read the bundle JSON, then every check:
/// signature, transparency log, timestamps, certificate chain at each verified time, SCT, identity), with the
/// trusted root already read. Cases come from ../shared/testdata/sigstore-conformance next to the repository
/// root (the folder with ModelGate.slnx), or MODELGATE_SIGSTORE_CONFORMANCE.
/// </summary>
[MemoryDiagnoser]
public class SigstoreBenchmarks
{
    private const string Identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    private const string Issuer = "https://token.actions.githubusercontent.com";

    private readonly VerificationPolicy _policy = VerificationPolicy.ForIdentity(StringMatcher.Exact(Identity), StringMatcher.Exact(Issuer));
    private ArtifactInput _artifact = null!;
    private (byte[] Bundle, SigstoreVerifier Verifier) _v03;
    private (byte[] Bundle, SigstoreVerifier Verifier) _dsse;
    private (byte[] Bundle, SigstoreVerifier Verifier) _rekorV2;

    [GlobalSetup]
    public void Setup()
    {
        var cases = CasesFolder();
        var production = Path.Combine(cases, "..", "..", "sigstore-trust", "trusted_root.production.json");
        _artifact = ArtifactInput.FromFile(Path.Combine(cases, "a.txt"));
        _v03 = Load(cases, "happy-path-v0.3", production);
        _dsse = Load(cases, "happy-path-intoto-in-dsse-v3", production);
        _rekorV2 = Load(cases, "rekor2-happy-path", Path.Combine(cases, "rekor2-happy-path", "trusted_root.json"));
        _ = HashedRekordV1();
        _ = DsseV1();
        _ = HashedRekordV2WithTimestamp();
    }

    /// <summary>v0.3 bundle, message signature, Rekor v1 entry with SET, inclusion proof and checkpoint.</summary>
    [Benchmark(Baseline = true)]
    public int HashedRekordV1() => Verify(_v03);

    /// <summary>v0.3 bundle, DSSE envelope with an in-toto statement, Rekor v1 dsse entry.</summary>
    [Benchmark]
    public int DsseV1() => Verify(_dsse);

    /// <summary>v0.3 bundle, Rekor v2 entry (Ed25519 checkpoint) and an RFC 3161 timestamp.</summary>
    [Benchmark]
    public int HashedRekordV2WithTimestamp() => Verify(_rekorV2);

    private int Verify((byte[] Bundle, SigstoreVerifier Verifier) c) =>
        c.Verifier.Verify(SigstoreBundleReader.Read(c.Bundle, "bundle"), _artifact, _policy).VerifiedTimes.Count;

    private static (byte[], SigstoreVerifier) Load(string cases, string name, string trustedRoot) =>
        (File.ReadAllBytes(Path.Combine(cases, name, "bundle.sigstore.json")),
         new SigstoreVerifier(TrustedRootReader.Read(File.ReadAllBytes(trustedRoot), trustedRoot), TimeProvider.System));

    private static string CasesFolder()
    {
        if (Environment.GetEnvironmentVariable("MODELGATE_SIGSTORE_CONFORMANCE") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelGate.slnx")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "sigstore-conformance", "bundle-verify"));
        }

        throw new InvalidOperationException("ModelGate.slnx not found above " + AppContext.BaseDirectory + "; set MODELGATE_SIGSTORE_CONFORMANCE");
    }
}
