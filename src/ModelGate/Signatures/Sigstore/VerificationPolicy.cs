namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Who must have signed: a Fulcio certificate identity (SAN and OIDC issuer), or a managed public key. Exactly
/// one of the two; a bundle signed the other way is rejected.
/// </summary>
internal sealed class VerificationPolicy
{
    private VerificationPolicy(StringMatcher? identity, StringMatcher? issuer, SigstorePublicKey? key)
    {
        Identity = identity;
        Issuer = issuer;
        Key = key;
    }

    public StringMatcher? Identity { get; }

    public StringMatcher? Issuer { get; }

    public SigstorePublicKey? Key { get; }

    public static VerificationPolicy ForIdentity(StringMatcher identity, StringMatcher issuer) => new(identity, issuer, null);

    public static VerificationPolicy ForKey(SigstorePublicKey key) => new(null, null, key);

    public override string ToString() => Key is not null ? "a managed public key" : $"identity {Identity} issued by {Issuer}";
}
