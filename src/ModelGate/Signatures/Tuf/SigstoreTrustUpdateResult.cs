namespace ModelGate.Signatures.Tuf;

/// <summary>The verified trusted root's path, the TUF metadata that vouches for it, and whether it was (re)downloaded.</summary>
internal sealed record SigstoreTrustUpdateResult(string TrustedRootPath, TufTrustedSet Metadata, bool Downloaded, Uri Repository);
