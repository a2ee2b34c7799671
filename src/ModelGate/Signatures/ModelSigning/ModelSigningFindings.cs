using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Threats;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Turns a model signature check into findings: MG3010 verified, MG3011 invalid, MG3012–MG3014 changed, missing
/// and extra files, MG3015 untrusted signer, MG3016 cannot be checked; MG3006 for a model without a signature.
/// </summary>
internal static class ModelSigningFindings
{
    /// <param name="check">The check.</param>
    /// <param name="modelDisplay">The model folder as reports show it ("." for the scanned folder itself).</param>
    /// <param name="signatureDisplay">The signature file as reports show it.</param>
    public static IReadOnlyList<Finding> FromCheck(ModelSignatureCheck check, string modelDisplay, string signatureDisplay)
    {
        var findings = new List<Finding>();
        var signed = check.Signer is null ? string.Empty : $" by {check.Signer}";
        var evidence = new List<string> { $"signature: {signatureDisplay}" };
        if (check.Signer is not null)
            evidence.Add($"signer: {check.Signer}");
        if (check.Statement is { } statement)
            evidence.Add($"{statement.Resources.Count} resources, serialization {statement.Serialization.Method}/{statement.Serialization.HashType}");
        evidence.AddRange(check.Warnings.Select(w => $"note: {w}"));

        switch (check.Status)
        {
            case ModelSignatureStatus.Verified when check.Differences.Count == 0:
                findings.Add(Make(Rules.ModelSignatureVerified, modelDisplay, signatureDisplay,
                    $"{modelDisplay} matches its signature {signatureDisplay}{signed}: {check.ResourceCount} signed resources checked.",
                    evidence, null, check.Signer ?? string.Empty));
                break;
            case ModelSignatureStatus.Invalid:
                findings.Add(Make(Rules.ModelSignatureInvalid, modelDisplay, signatureDisplay,
                    $"The signature {signatureDisplay} of {modelDisplay} is invalid: {check.Problem}",
                    evidence, "Do not use the model. Get it and its signature again from the publisher; if the signature still fails, report it to them.", check.Problem ?? string.Empty));
                break;
            case ModelSignatureStatus.Unverifiable:
                findings.Add(Make(Rules.SignatureUncheckable, modelDisplay, signatureDisplay,
                    $"{modelDisplay} cannot be checked against {signatureDisplay}: {check.Problem}",
                    evidence, "Verify the model with a tool that supports this signature (model_signing verify), or ask the publisher to sign with files serialization and SHA-256.", check.Problem ?? string.Empty));
                break;
            case ModelSignatureStatus.Untrusted:
                findings.Add(Make(Rules.SignerNotTrusted, modelDisplay, signatureDisplay,
                    $"{modelDisplay} is signed ({signatureDisplay}), but not by a trusted signer: {check.Problem}",
                    evidence, "Configure the publisher's key (--signature-key), certificate chain (--signature-certificate-chain) or Sigstore identity (--signature-identity with --signature-issuer), after checking it belongs to them.", check.Signer ?? string.Empty));
                break;
        }
        foreach (var difference in check.Differences)
            findings.Add(FromDifference(difference, modelDisplay, signatureDisplay));
        return findings;
    }

    /// <summary>The finding for a Sigstore bundle next to one model file.</summary>
    public static Finding FromArtifactBundle(string artifactDisplay, string bundleDisplay, ModelSignatureStatus status, string? signer, string? problem)
    {
        var (rule, message, remediation) = status switch
        {
            ModelSignatureStatus.Verified => (Rules.ModelSignatureVerified, $"{artifactDisplay} is signed by {signer} ({bundleDisplay}).", (string?)null),
            ModelSignatureStatus.Untrusted => (Rules.SignerNotTrusted, $"{artifactDisplay} has a Sigstore bundle ({bundleDisplay}), but not from a trusted signer: {problem}",
                "Configure the publisher's Sigstore identity (--signature-identity with --signature-issuer) or key (--signature-key), after checking it belongs to them."),
            ModelSignatureStatus.Invalid => (Rules.ModelSignatureInvalid, $"The Sigstore bundle {bundleDisplay} of {artifactDisplay} does not verify: {problem}",
                "Do not use the file. Get it and its bundle again from the publisher."),
            _ => (Rules.SignatureUncheckable, $"{artifactDisplay} cannot be checked against {bundleDisplay}: {problem}",
                "Provide a Sigstore trusted root (modelgate sigstore update-trust, or MODELGATE_SIGSTORE_TRUSTED_ROOT)."),
        };
        return new Finding
        {
            Rule = rule,
            Severity = rule.DefaultSeverity,
            Title = rule.Title,
            Message = message,
            Location = new SourceLocation(bundleDisplay),
            Artifact = artifactDisplay,
            Evidence = [$"bundle: {bundleDisplay}"],
            Remediation = remediation,
            Discriminator = $"{artifactDisplay}:{signer ?? problem}",
            Threats = ThreatCatalog.For(rule),
        };
    }

    public static Finding Absent(string modelDisplay) => new()
    {
        Rule = Rules.SignatureMissing,
        Severity = Rules.SignatureMissing.DefaultSeverity,
        Title = Rules.SignatureMissing.Title,
        Message = $"{(modelDisplay == "." ? "The scanned folder" : modelDisplay)} holds model files but no model.sig (OpenSSF model signing) and no Sigstore bundle next to them, so who produced them cannot be verified.",
        Location = new SourceLocation(modelDisplay),
        Artifact = modelDisplay,
        Remediation = "Ask the publisher to sign releases with OpenSSF model signing (model_signing sign), or sign the folder you reviewed yourself (modelgate model-signing sign) and verify it where it is deployed.",
        Discriminator = modelDisplay,
        Threats = ThreatCatalog.For(Rules.SignatureMissing),
    };

    private static Finding FromDifference(ManifestDifference difference, string modelDisplay, string signatureDisplay)
    {
        var path = modelDisplay is "." or "" ? difference.Path : difference.Path == ResourceNames.WholeModel ? modelDisplay : $"{modelDisplay.TrimEnd('/')}/{difference.Path}";
        var evidence = new List<string>();
        if (difference.Expected is not null)
            evidence.Add($"signed {difference.Expected}");
        if (difference.Actual is not null)
            evidence.Add($"actual {difference.Actual}");
        evidence.Add($"signature: {signatureDisplay}");
        var (rule, message, remediation) = difference.Kind switch
        {
            DifferenceKind.Changed => (Rules.SignedFileChanged,
                $"{path} does not match {signatureDisplay}: signed {difference.Expected}, found {difference.Actual}.",
                "Do not load the model. Restore the file from the publisher and find out how it changed."),
            DifferenceKind.Missing => (Rules.SignedFileMissing,
                $"{path} is listed in {signatureDisplay} but is not in the model.",
                "Get the complete model from the publisher again."),
            _ => (Rules.UnsignedFile,
                $"{path} is in the model but not listed in {signatureDisplay}.",
                "Remove the file if it was planted or left over, or have the publisher sign the model with it."),
        };
        // The bytes found are part of the identity, so a waiver of one change does not cover the next.
        return Build(rule, path, path, message, evidence, remediation, $"{path}:{difference.Actual}");
    }

    /// <summary>A finding about the signature itself: located at the signature file, about the model.</summary>
    private static Finding Make(Rule rule, string modelDisplay, string signatureDisplay, string message, IReadOnlyList<string> evidence, string? remediation, string discriminator) =>
        Build(rule, signatureDisplay, modelDisplay, message, evidence, remediation, $"{modelDisplay}:{discriminator}");

    private static Finding Build(Rule rule, string location, string artifact, string message, IReadOnlyList<string> evidence, string? remediation, string discriminator) => new()
    {
        Rule = rule,
        Severity = rule.DefaultSeverity,
        Title = rule.Title,
        Message = message,
        Location = new SourceLocation(location),
        Artifact = artifact,
        Evidence = evidence,
        Remediation = remediation,
        Discriminator = discriminator,
        Threats = ThreatCatalog.For(rule),
    };
}
