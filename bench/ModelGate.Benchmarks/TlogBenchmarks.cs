using BenchmarkDotNet.Attributes;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Benchmarks;

/// <summary>
/// The transparency log part of verifying one bundle (body match, signed entry timestamp, inclusion proof,
/// checkpoint) and one RFC 3161 timestamp, on conformance cases read from ../shared/testdata (a development
/// checkout; the product never reads it).
/// Run: dotnet run -c Release --project bench/ModelGate.Benchmarks -- --filter '*Tlog*' --job short --inProcess
/// </summary>
[MemoryDiagnoser]
public class TlogBenchmarks
{
    private Case _rekorV1 = null!;
    private Case _rekorV2 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cases = Find(Path.Combine("shared", "testdata", "sigstore-conformance", "bundle-verify"));
        var production = Path.Combine(Find(Path.Combine("shared", "testdata", "sigstore-trust")), "trusted_root.production.json");
        _rekorV1 = Load(Path.Combine(cases, "happy-path-v0.3"), production);
        _rekorV2 = Load(Path.Combine(cases, "rekor2-happy-path"), Path.Combine(cases, "rekor2-happy-path", "trusted_root.json"));
    }

    /// <summary>Rekor v1 hashedrekord: body, SET (ECDSA P-256), 11-hash inclusion proof, ECDSA checkpoint.</summary>
    [Benchmark]
    public int RekorV1Entry() =>
        TransparencyLogVerification.Verify(_rekorV1.Bundle, _rekorV1.Root, _rekorV1.Leaf, isCertificate: true, DateTimeOffset.UtcNow).Count;

    /// <summary>Rekor v2 hashedrekord: body, 8-hash inclusion proof, Ed25519 checkpoint.</summary>
    [Benchmark]
    public int RekorV2Entry() =>
        TransparencyLogVerification.Verify(_rekorV2.Bundle, _rekorV2.Root, _rekorV2.Leaf, isCertificate: true, DateTimeOffset.UtcNow).Count;

    /// <summary>One RFC 3161 timestamp: CMS signature and the TSA chain at genTime.</summary>
    [Benchmark]
    public int Rfc3161Timestamp() =>
        SignedTimestampVerification.Verify(_rekorV2.Bundle, _rekorV2.Root, _rekorV2.Bundle.SignatureBytes).Count;

    private static Case Load(string folder, string rootPath)
    {
        var bundlePath = Path.Combine(folder, "bundle.sigstore.json");
        var bundle = SigstoreBundleReader.Read(File.ReadAllBytes(bundlePath), bundlePath);
        var root = TrustedRootReader.Read(File.ReadAllBytes(rootPath), rootPath);
        return new Case(bundle, root, bundle.VerificationMaterial.LeafCertificate!);
    }

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException(relative + " not found above " + AppContext.BaseDirectory);
    }

    private sealed record Case(SigstoreBundle Bundle, TrustedRoot Root, byte[] Leaf);
}
