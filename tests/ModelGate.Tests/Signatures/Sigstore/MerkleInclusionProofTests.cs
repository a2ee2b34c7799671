using System.Security.Cryptography;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>
/// Inclusion proofs over trees built by the RFC 6962 §2.1 definitions (MTH and PATH, computed recursively here,
/// independently of the verifier's RFC 9162 iteration).
/// </summary>
public sealed class MerkleInclusionProofTests
{
    public static TheoryData<int, int> EveryLeafOfSmallTrees()
    {
        var data = new TheoryData<int, int>();
        foreach (var size in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17, 31, 33 })
        {
            for (var index = 0; index < size; index++)
                data.Add(index, size);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLeafOfSmallTrees))]
    public void A_proof_from_the_RFC_6962_definition_verifies(int index, int size)
    {
        var leaves = Leaves(size);
        var proof = Path(index, leaves);
        Assert.Equal(proof.Count, MerkleInclusionProof.ExpectedProofLength(index, size));
        MerkleInclusionProof.Verify(index, size, MerkleInclusionProof.LeafHash(leaves[index]), proof, Mth(leaves));
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(0, 2, 1)]
    [InlineData(2, 3, 1)]
    [InlineData(4, 7, 3)]
    [InlineData(6, 7, 2)]
    [InlineData(3, 8, 3)]
    [InlineData(75408392, 75408393, 11)]
    [InlineData(735, 736, 8)]
    [InlineData(0, long.MaxValue, 63)]
    public void The_proof_length_is_the_one_the_algorithm_consumes(long index, long size, int length)
    {
        Assert.Equal(length, MerkleInclusionProof.ExpectedProofLength(index, size));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(-1, 5)]
    [InlineData(0, 0)]
    [InlineData(0, -3)]
    [InlineData(long.MaxValue, 1)]
    public void An_index_outside_the_tree_is_rejected_before_any_hashing(long index, long size)
    {
        var error = Assert.Throws<SigstoreVerificationException>(() =>
            MerkleInclusionProof.Verify(index, size, new byte[32], [], new byte[32]));
        Assert.Equal(SigstoreChecks.InclusionProof, error.Check);
        Assert.Contains(size <= 0 ? "not positive" : "outside a tree", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 7, -1)]
    [InlineData(3, 7, 1)]
    [InlineData(0, 1, 1)]
    [InlineData(6, 7, 40)]
    public void A_proof_with_a_wrong_number_of_hashes_is_rejected(int index, int size, int delta)
    {
        var leaves = Leaves(size);
        var proof = Path(index, leaves).ToList();
        if (delta < 0)
            proof.RemoveAt(proof.Count - 1);
        for (var i = 0; i < delta; i++)
            proof.Add(new byte[32]);
        var error = Assert.Throws<SigstoreVerificationException>(() =>
            MerkleInclusionProof.Verify(index, size, MerkleInclusionProof.LeafHash(leaves[index]), proof, Mth(leaves)));
        Assert.Contains("needs exactly", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void A_proof_hash_that_is_not_32_bytes_is_rejected(int length)
    {
        var leaves = Leaves(4);
        var proof = Path(1, leaves).ToList();
        proof[1] = new byte[length];
        var error = Assert.Throws<SigstoreVerificationException>(() =>
            MerkleInclusionProof.Verify(1, 4, MerkleInclusionProof.LeafHash(leaves[1]), proof, Mth(leaves)));
        Assert.Contains("proof hash 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 9)]
    [InlineData(8, 9)]
    [InlineData(5, 16)]
    public void A_flipped_bit_anywhere_breaks_the_proof(int index, int size)
    {
        var leaves = Leaves(size);
        var proof = Path(index, leaves);
        var root = Mth(leaves);
        var leaf = MerkleInclusionProof.LeafHash(leaves[index]);
        for (var i = 0; i < proof.Count; i++)
        {
            var corrupted = proof.Select(h => h.ToArray()).ToList();
            corrupted[i][7] ^= 0x10;
            Assert.Throws<SigstoreVerificationException>(() => MerkleInclusionProof.Verify(index, size, leaf, corrupted, root));
        }
        var otherLeaf = MerkleInclusionProof.LeafHash(leaves[(index + 1) % size]);
        Assert.Throws<SigstoreVerificationException>(() => MerkleInclusionProof.Verify(index, size, otherLeaf, proof, root));
        if (size > 1)
            Assert.Throws<SigstoreVerificationException>(() => MerkleInclusionProof.Verify((index + 1) % size, size, leaf, proof, root));
    }

    [Fact]
    public void Leaf_and_node_hashes_are_domain_separated()
    {
        // RFC 6962 §2.1: MTH({d0}) = SHA-256(0x00 || d0); MTH of two leaves = SHA-256(0x01 || l || r).
        Assert.Equal(SHA256.HashData([0x00, 0x61]), MerkleInclusionProof.LeafHash("a"u8));
        var left = new byte[32];
        var right = Enumerable.Repeat((byte)0xff, 32).ToArray();
        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleInclusionProof.NodeHash(left, right));
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(MerkleInclusionProof.LeafHash([])));
    }

    private static byte[][] Leaves(int size) =>
        Enumerable.Range(0, size).Select(i => System.Text.Encoding.ASCII.GetBytes($"leaf {i}")).ToArray();

    /// <summary>RFC 6962 §2.1 MTH: k is the largest power of two smaller than n.</summary>
    private static byte[] Mth(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1)
            return MerkleInclusionProof.LeafHash(leaves[0]);
        var k = SplitPoint(leaves.Length);
        return MerkleInclusionProof.NodeHash(Mth(leaves[..k]), Mth(leaves[k..]));
    }

    /// <summary>RFC 6962 §2.1.1 PATH(m, D[n]), leaf-most hash first.</summary>
    private static List<byte[]> Path(int m, ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1)
            return [];
        var k = SplitPoint(leaves.Length);
        if (m < k)
            return [.. Path(m, leaves[..k]), Mth(leaves[k..])];
        return [.. Path(m - k, leaves[k..]), Mth(leaves[..k])];
    }

    private static int SplitPoint(int n)
    {
        var k = 1;
        while (k * 2 < n)
            k *= 2;
        return k;
    }
}
