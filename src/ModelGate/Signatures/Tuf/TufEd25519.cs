namespace ModelGate.Signatures.Tuf;

/// <summary>Ed25519 verification for "ed25519" TUF keys (hex-encoded 32-byte public key, 64-byte signature).</summary>
internal static class TufEd25519
{
    public static bool Verify(string publicHex, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        _ = publicHex;
        _ = message;
        _ = signature;
        return false;
    }
}
