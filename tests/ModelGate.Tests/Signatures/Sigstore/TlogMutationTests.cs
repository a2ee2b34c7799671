using System.Text;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>
/// Seeded random damage to the log evidence of real bundles (entry bodies, checkpoints, proofs, SETs,
/// timestamps): the entry points either verify or throw <see cref="SigstoreVerificationException"/>, nothing else.
/// </summary>
public sealed class TlogMutationTests
{
    [Theory]
    [InlineData("happy-path-v0.3", 1)]
    [InlineData("happy-path-intoto-in-dsse-v3", 2)]
    [InlineData("intoto-with-custom-trust-root", 3)]
    [InlineData("rekor2-happy-path", 4)]
    [InlineData("rekor2-dsse-happy-path", 5)]
    [InlineData("rekor2-checkpoint-multiple-cosigs", 6)]
    public void Damaged_evidence_fails_only_with_a_verification_error(string caseName, int seed)
    {
        var bundlePath = SigstoreTestData.CaseFile(caseName, "bundle.sigstore.json");
        var rootPath = SigstoreTestData.CaseFile(caseName, "trusted_root.json");
        if (!File.Exists(rootPath))
            rootPath = SigstoreTestData.ProductionTrustedRoot;
        var bundle = SigstoreBundleReader.Read(File.ReadAllBytes(bundlePath), bundlePath);
        var root = TrustedRootReader.Read(File.ReadAllBytes(rootPath), rootPath);
        var leaf = bundle.VerificationMaterial.LeafCertificate!;
        var random = new Random(seed);
        var rejected = 0;

        for (var i = 0; i < 300; i++)
        {
            var damaged = Damage(bundle, random);
            try
            {
                TransparencyLogVerification.Verify(damaged, root, leaf, isCertificate: true, DateTimeOffset.UtcNow);
                SignedTimestampVerification.Verify(damaged, root, damaged.SignatureBytes);
            }
            catch (SigstoreVerificationException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 150, $"only {rejected} of 300 damaged bundles were rejected");
    }

    private static SigstoreBundle Damage(SigstoreBundle bundle, Random random)
    {
        var material = bundle.VerificationMaterial;
        var entry = material.TlogEntries[0];
        var proof = entry.Proof!;
        entry = random.Next(7) switch
        {
            0 => entry with { CanonicalizedBody = Flip(entry.CanonicalizedBody, random) },
            1 => entry with { Proof = proof with { Checkpoint = Encoding.UTF8.GetString(Flip(Encoding.UTF8.GetBytes(proof.Checkpoint!), random)) } },
            2 => entry with { Proof = proof with { Hashes = [.. proof.Hashes.Select(h => random.Next(4) == 0 ? Flip(h, random) : h)] } },
            3 => entry with { Proof = proof with { LogIndex = random.NextInt64(-2, proof.TreeSize + 2), TreeSize = random.NextInt64(-2, proof.TreeSize * 2) } },
            4 => entry with { CanonicalizedBody = entry.CanonicalizedBody[..random.Next(entry.CanonicalizedBody.Length)] },
            5 => entry with { SignedEntryTimestamp = entry.SignedEntryTimestamp is { } set ? Flip(set, random) : [(byte)random.Next(256)] },
            _ => entry,
        };
        var timestamps = material.Rfc3161Timestamps.Select(t => random.Next(3) == 0 ? Flip(t, random) : t).ToList();
        if (random.Next(7) == 6 && timestamps.Count == 0)
            entry = entry with { Proof = proof with { Checkpoint = proof.Checkpoint + "\u2014 x " + new string('A', random.Next(4, 200)) + "\n" } };
        return bundle with { VerificationMaterial = material with { TlogEntries = [entry], Rfc3161Timestamps = timestamps } };
    }

    private static byte[] Flip(byte[] bytes, Random random)
    {
        var copy = bytes.ToArray();
        if (copy.Length == 0)
            return [(byte)random.Next(256)];
        var flips = random.Next(1, 4);
        for (var i = 0; i < flips; i++)
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }
}
