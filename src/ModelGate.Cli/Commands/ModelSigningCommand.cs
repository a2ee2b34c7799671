using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Findings;
using ModelGate.Policy;
using ModelGate.Reporting;
using ModelGate.Signatures.ModelSigning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate model-signing sign|verify</c>: OpenSSF model signing (docs/model-signing.md). <c>sign</c> writes a
/// key-mode signature the reference <c>model_signing</c> verifies; <c>verify</c> checks the signer and then every
/// file, and exits 0 only when both hold (1 otherwise, 2 on usage and I/O errors).
/// </summary>
internal static class ModelSigningCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("model-signing", "Sign a model folder, or verify one, in the OpenSSF Model Signing format (model.sig).")
        {
            CreateSign(stdout, stderr),
            CreateVerify(stdout, stderr),
        };

    private static Command CreateSign(TextWriter stdout, TextWriter stderr)
    {
        var model = new Argument<string>("model") { Description = "The model folder (or single model file) to sign." };
        var key = new Option<string>("--private-key") { Description = "PEM private key (PKCS#8 or SEC1 'EC PRIVATE KEY'), NIST P-256, P-384 or P-521.", Required = true };
        var output = new Option<string?>("--output", "-o", "--signature") { Description = "Where to write the signature (default: model.sig in the model folder)." };
        var ignore = new Option<string[]>("--ignore-paths") { Description = "Paths to leave out of the signature, relative to the model folder (the git files and the signature itself are always left out).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("sign", "Sign a model with an elliptic-curve key (model_signing 'sign key').") { model, key, output, ignore };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var modelPath = parse.GetValue(model)!;
            var signature = parse.GetValue(output) ?? (Directory.Exists(modelPath)
                ? Path.Combine(modelPath, ModelSigningFormat.DefaultSignatureName)
                : modelPath + ".sig");
            try
            {
                var manifest = await ModelSigner.SignAsync(modelPath, parse.GetValue(key)!, signature, parse.GetValue(ignore) ?? [], ModelSigningLimits.Default, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Signed {manifest.Resources.Count} file(s) of {modelPath}: {signature}").ConfigureAwait(false);
                return (int)ExitCode.Pass;
            }
            catch (ModelSignatureException ex)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }

    private static Command CreateVerify(TextWriter stdout, TextWriter stderr)
    {
        var model = new Argument<string>("model") { Description = "The model folder (or single model file) to verify." };
        var signature = new Option<string?>("--signature", "-s") { Description = "The signature (default: model.sig in the model folder)." };
        var publicKey = new Option<string?>("--public-key") { Description = "Key mode: the signer's public key (PEM or DER SubjectPublicKeyInfo)." };
        var chain = new Option<string[]>("--certificate-chain") { Description = "Certificate mode: PEM certificate files the signing certificate must chain to.", AllowMultipleArgumentsPerToken = true };
        var identity = new Option<string?>("--identity") { Description = "Sigstore mode: the signer's identity (certificate subject alternative name), with --issuer." };
        var issuer = new Option<string?>("--issuer") { Description = "Sigstore mode: the OIDC issuer that vouched for --identity." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "Sigstore mode: the trusted_root.json to verify against (default: the Sigstore public-good root ModelGate knows)." };
        var ignore = new Option<string[]>("--ignore-paths") { Description = "More paths to leave out of the comparison, relative to the model folder.", AllowMultipleArgumentsPerToken = true };
        var outputs = new OutputOptions();
        var command = new Command("verify", "Verify a model against its signature: the signer, then every file (changed, missing, extra).")
        {
            model, signature, publicKey, chain, identity, issuer, trustedRoot, ignore,
        };
        outputs.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var modelPath = parse.GetValue(model)!;
            var signaturePath = parse.GetValue(signature) ?? (Directory.Exists(modelPath)
                ? Path.Combine(modelPath, ModelSigningFormat.DefaultSignatureName)
                : modelPath + ".sig");
            var keyPath = parse.GetValue(publicKey);
            var chains = parse.GetValue(chain) ?? [];
            var identityText = parse.GetValue(identity);
            var issuerText = parse.GetValue(issuer);
            var modes = (keyPath is null ? 0 : 1) + (chains.Length == 0 ? 0 : 1) + (identityText is null && issuerText is null ? 0 : 1);
            if (modes != 1 || (identityText is null) != (issuerText is null))
            {
                await stderr.WriteLineAsync("modelgate: give exactly one of --public-key, --certificate-chain, or --identity with --issuer").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            if (!File.Exists(modelPath) && !Directory.Exists(modelPath))
            {
                await stderr.WriteLineAsync($"modelgate: '{modelPath}' does not exist").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            if (!File.Exists(signaturePath))
            {
                await stderr.WriteLineAsync($"modelgate: signature '{signaturePath}' does not exist").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            ModelSigningTrust trust;
            try
            {
                IReadOnlyList<SigstoreIdentity> identities = identityText is null ? [] : [new SigstoreIdentity(identityText, issuerText!)];
                trust = ModelSigningTrustFiles.Load(keyPath is null ? [] : [keyPath], chains, identities, parse.GetValue(trustedRoot));
            }
            catch (ModelSignatureException ex)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            var check = await ModelSigningVerification.CheckAsync(modelPath, signaturePath, trust, parse.GetValue(ignore) ?? [], ModelSigningLimits.Default, cancellationToken).ConfigureAwait(false);
            var findings = ModelSigningFindings.FromCheck(check, modelPath, signaturePath).Order(FindingOrder.Instance).ToList();
            var report = GatePolicy.Default.Apply(new ScanReport
            {
                Tool = ToolInfo.Current,
                Target = modelPath,
                Inventory = new Inventory.ScanInventory(),
                Findings = findings,
                Decision = new PolicyDecision(Verdict.Pass, []),
                Timestamp = DateTimeOffset.UtcNow,
            });
            var outputPath = parse.GetValue(outputs.Output);
            await ReportOutput.WriteAsync(report, parse.GetValue(outputs.Format) ?? "table", outputPath, stdout, ReportView.Verify, cancellationToken).ConfigureAwait(false);
            await stderr.WriteLineAsync(check.Passed
                ? $"Verified: {modelPath} matches {signaturePath} ({check.ResourceCount} resources), signed by {check.Signer}."
                : $"Verification FAILED for {modelPath} against {signaturePath}.").ConfigureAwait(false);
            return check.Passed ? (int)ExitCode.Pass : (int)ExitCode.Fail;
        });
        return command;
    }
}
