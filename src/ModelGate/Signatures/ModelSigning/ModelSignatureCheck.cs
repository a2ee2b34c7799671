namespace ModelGate.Signatures.ModelSigning;

/// <summary>The result of checking one model against one signature.</summary>
/// <param name="Model">The model folder or file, as given.</param>
/// <param name="Signature">The signature file, as given.</param>
/// <param name="Status">Trust in the signature; file differences are in <see cref="Differences"/> whatever the status.</param>
/// <param name="Signer">Who signed, when the signature verified (or would have, for an untrusted one: the key hint or certificate subject).</param>
/// <param name="Problem">Why the signature is not verified (invalid, untrusted, unverifiable), naming the file and place.</param>
/// <param name="Statement">The statement, when it could be read.</param>
/// <param name="Differences">Changed, missing and extra files (empty when the model matches or was not compared).</param>
/// <param name="Warnings">Notes that do not fail verification.</param>
internal sealed record ModelSignatureCheck(
    string Model,
    string Signature,
    ModelSignatureStatus Status,
    string? Signer,
    string? Problem,
    ModelSignatureStatement? Statement,
    IReadOnlyList<ManifestDifference> Differences,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True when the signature is trusted and the model matches it: the only outcome that passes.</summary>
    public bool Passed => Status == ModelSignatureStatus.Verified && Differences.Count == 0;

    /// <summary>How many resources the signature lists.</summary>
    public int ResourceCount => Statement?.Resources.Count ?? 0;
}
