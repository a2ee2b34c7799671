using System.Security.Cryptography;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// RFC 6962 §2.1 Merkle tree hashing and the RFC 9162 §2.1.3.2 inclusion proof check. Rekor v1 and v2 both
/// hash leaves and nodes this way, with SHA-256.
/// </summary>
internal static class MerkleInclusionProof
{
    public const int HashSize = 32;

    /// <summary>A leaf hash: SHA-256(0x00 || leaf) (RFC 6962 §2.1).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(leaf);
        return sha.GetHashAndReset();
    }

    /// <summary>An interior node hash: SHA-256(0x01 || left || right) (RFC 6962 §2.1).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x01]);
        sha.AppendData(left);
        sha.AppendData(right);
        return sha.GetHashAndReset();
    }

    /// <summary>
    /// The number of audit path hashes the RFC 9162 §2.1.3.2 algorithm consumes for <paramref name="index"/> in a
    /// tree of <paramref name="treeSize"/> leaves: one per level below the split where the leaf's path and the
    /// last leaf's path part (the "inner" part), plus one per set bit above it (the "border" part).
    /// </summary>
    public static int ExpectedProofLength(long index, long treeSize)
    {
        CheckIndex(index, treeSize);
        var inner = 64 - long.LeadingZeroCount(index ^ (treeSize - 1));
        var border = long.PopCount(index >> (int)inner);
        return (int)inner + (int)border;
    }

    /// <summary>
    /// Recomputes the root from <paramref name="leafHash"/> and <paramref name="proof"/> (RFC 9162 §2.1.3.2) and
    /// compares it with <paramref name="expectedRoot"/>. Sizes are checked first: an index outside the tree, a
    /// proof with a wrong number of hashes or a hash that is not 32 bytes is rejected, never indexed past.
    /// </summary>
    public static void Verify(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> expectedRoot)
    {
        CheckIndex(index, treeSize);
        if (leafHash.Length != HashSize)
            throw Fail($"the leaf hash is {leafHash.Length} bytes, not {HashSize}");
        if (expectedRoot.Length != HashSize)
            throw Fail($"the root hash is {expectedRoot.Length} bytes, not {HashSize}");
        var expectedLength = ExpectedProofLength(index, treeSize);
        if (proof.Count != expectedLength)
            throw Fail($"the proof has {proof.Count} hashes; index {index} in a tree of {treeSize} needs exactly {expectedLength}");
        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i] is not { Length: HashSize })
                throw Fail($"proof hash {i} is {proof[i]?.Length ?? 0} bytes, not {HashSize}");
        }

        // RFC 9162 §2.1.3.2 steps 2 to 5.
        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
                throw Fail("the proof is longer than the path to the root");
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0)
            throw Fail("the proof is shorter than the path to the root");
        if (!CryptographicOperations.FixedTimeEquals(r, expectedRoot))
            throw Fail($"the recomputed root {Convert.ToHexStringLower(r)} is not the proof's root {Convert.ToHexStringLower(expectedRoot)}");
    }

    private static void CheckIndex(long index, long treeSize)
    {
        if (treeSize <= 0)
            throw Fail($"the tree size {treeSize} is not positive");
        if (index < 0 || index >= treeSize)
            throw Fail($"the leaf index {index} is outside a tree of {treeSize} leaves");
    }

    private static SigstoreVerificationException Fail(string message) =>
        new(SigstoreChecks.InclusionProof, "inclusion proof: " + message + ".");
}
