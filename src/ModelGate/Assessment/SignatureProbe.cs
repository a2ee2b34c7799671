namespace ModelGate.Assessment;

/// <summary>
/// The one place the assessment learns about model signatures. Until the signature verifier (issue 6) is
/// wired here, it only looks for the files one would verify: OpenSSF model signing's <c>model.sig</c> and
/// Sigstore bundles (<c>*.sigstore.json</c>, <c>*.sigstore</c>). A signature found is never reported as verified.
/// </summary>
internal static class SignatureProbe
{
    /// <summary>The verdict, the evidence line and a recommendation (null when none is needed).</summary>
    public static (AssessmentVerdict Verdict, string Evidence, string? Recommendation) Check(ModelFolder folder)
    {
        var found = folder.Files.Where(IsSignatureFile).ToList();
        if (found.Count == 0)
            return (AssessmentVerdict.Warn, "signature: none found (model.sig absent, no *.sigstore.json bundle)", "Ask the publisher to sign releases (OpenSSF model signing, model.sig) so who produced the bytes can be verified.");
        return (AssessmentVerdict.Warn, $"signature: {string.Join(", ", found.Take(5))} present, not verified (signature verification is not wired into assess yet)", "Verify the signature against the publisher's identity before use.");
    }

    private static bool IsSignatureFile(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Equals("model.sig", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".sigstore.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".sigstore", StringComparison.OrdinalIgnoreCase);
    }
}
