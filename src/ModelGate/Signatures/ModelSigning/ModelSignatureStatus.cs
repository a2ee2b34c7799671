namespace ModelGate.Signatures.ModelSigning;

/// <summary>The outcome of checking a model against its signature.</summary>
internal enum ModelSignatureStatus
{
    /// <summary>A trusted signer signed it and every file matches.</summary>
    Verified,

    /// <summary>The signature is well formed but its signer is not one of the trusted ones (or none were configured). Files were still compared.</summary>
    Untrusted,

    /// <summary>The signature is malformed, or its cryptography does not verify with the key that should have made it.</summary>
    Invalid,

    /// <summary>The signature uses something ModelGate does not rebuild, or the model cannot be walked the way the signature requires.</summary>
    Unverifiable,
}
