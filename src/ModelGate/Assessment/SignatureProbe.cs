using ModelGate.Findings;

namespace ModelGate.Assessment;

/// <summary>
/// The one place the assessment learns about model signatures. It reads what the model-signing analyzer
/// (<see cref="Analyzers.ModelSignatureAnalyzer"/>, which runs before the assessment) found: a signature counts as
/// verified only when the analyzer verified it against the trust the user configured (MG3010); a signature from an
/// unconfigured signer, or one that cannot be checked, is a warning; a broken signature or a file that no longer
/// matches it fails the part.
/// </summary>
internal static class SignatureProbe
{
    private static readonly Rule[] Failing = [Rules.ModelSignatureInvalid, Rules.SignedFileChanged, Rules.SignedFileMissing, Rules.UnsignedFile];

    /// <summary>The verdict, the evidence lines and a recommendation (null when none is needed).</summary>
    public static (AssessmentVerdict Verdict, IReadOnlyList<string> Evidence, string? Recommendation) Check(ModelFolder folder, IReadOnlyCollection<Finding> findings)
    {
        var failed = findings.Where(f => Failing.Contains(f.Rule)).ToList();
        if (failed.Count > 0)
        {
            return (AssessmentVerdict.Fail, [.. failed.Take(5).Select(f => $"signature: {f.Rule.Id} {f.Message}")],
                "Do not use these files: they do not match the publisher's signature. Download the model again and verify it.");
        }
        var verified = findings.Where(f => f.Rule == Rules.ModelSignatureVerified).ToList();
        var untrusted = findings.Where(f => f.Rule == Rules.SignerNotTrusted || f.Rule == Rules.SignatureUncheckable).ToList();
        if (verified.Count > 0 && untrusted.Count == 0)
            return (AssessmentVerdict.Pass, [.. verified.Take(5).Select(f => $"signature: verified — {f.Message}")], null);
        if (untrusted.Count > 0)
        {
            return (AssessmentVerdict.Warn, [.. untrusted.Take(5).Select(f => $"signature: {f.Rule.Id} {f.Message}")],
                "Name who may sign this model (--signature-identity/--signature-issuer, --signature-key or --signature-certificate-chain) so the signature can be verified, not only read.");
        }

        var found = folder.Files.Where(IsSignatureFile).Take(5).ToList();
        return found.Count == 0
            ? (AssessmentVerdict.Warn, ["signature: none found (model.sig absent, no *.sigstore.json bundle)"],
                "Ask the publisher to sign releases (OpenSSF model signing, model.sig) so who produced the bytes can be verified.")
            : (AssessmentVerdict.Warn, [$"signature: {string.Join(", ", found)} present but not checked (no model file beside it)"],
                "Verify the signature with modelgate model-signing verify before use.");
    }

    private static bool IsSignatureFile(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Equals("model.sig", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".sigstore.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".sigstore", StringComparison.OrdinalIgnoreCase);
    }
}
