using System.CommandLine;
using ModelGate.Signatures.Sigstore;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate sigstore ...</c>: Sigstore bundle verification. <c>verify-bundle</c> takes exactly the arguments of
/// the Sigstore conformance suite's client protocol (sigstore-conformance docs/cli_protocol.md), plus cosign's
/// regular-expression options. Exit 0 verified, 1 rejected (stderr names the failed check), 2 usage or I/O error.
/// </summary>
internal static class SigstoreCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("sigstore", "Verify Sigstore bundles (cosign, sigstore-python, npm and PyPI attestations) against a trusted root.")
        {
            CreateVerifyBundle(stdout, stderr),
        };

    private static Command CreateVerifyBundle(TextWriter stdout, TextWriter stderr)
    {
        var artifact = new Argument<string>("file-or-digest") { Description = "The signed artifact, or its digest as sha256:<64 hex> (taken as a digest only when no such file exists)." };
        var bundleOption = new Option<string>("--bundle") { Description = "The Sigstore bundle (.sigstore.json).", Required = true };
        var identity = new Option<string?>("--certificate-identity") { Description = "The signer's certificate identity (SAN), matched exactly." };
        var identityRegex = new Option<string?>("--certificate-identity-regexp") { Description = "The signer's certificate identity as a regular expression over the whole SAN." };
        var issuer = new Option<string?>("--certificate-oidc-issuer") { Description = "The OIDC issuer of the signer's certificate, matched exactly." };
        var issuerRegex = new Option<string?>("--certificate-oidc-issuer-regexp") { Description = "The OIDC issuer as a regular expression over the whole value." };
        var key = new Option<string?>("--key") { Description = "A PEM public key: verify a bundle signed with this managed key instead of a certificate identity." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = $"The Sigstore trusted_root.json (default: ${SigstoreTrustLocations.EnvironmentVariable}, else the root 'modelgate sigstore update-trust' cached)." };
        var staging = new Option<bool>("--staging") { Description = "Use the Sigstore staging instance's cached trusted root." };
        var command = new Command("verify-bundle", "Verify a Sigstore bundle for an artifact: signature, certificate chain and SCT, identity, transparency log and timestamps.")
        {
            staging, bundleOption, identity, identityRegex, issuer, issuerRegex, key, trustedRoot, artifact,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var bundlePath = parse.GetValue(bundleOption)!;
            var target = parse.GetValue(artifact)!;
            try
            {
                var keyPath = parse.GetValue(key);
                var keyPem = keyPath is null ? null : System.Text.Encoding.UTF8.GetString(await ReadBoundedAsync(keyPath, 64 * 1024, SigstoreChecks.PublicKey, cancellationToken).ConfigureAwait(false));
                var policy = Policy(parse.GetValue(identity), parse.GetValue(identityRegex), parse.GetValue(issuer), parse.GetValue(issuerRegex), keyPem);
                if (policy is null)
                {
                    await stderr.WriteLineAsync("modelgate: give --certificate-identity (or --certificate-identity-regexp) and --certificate-oidc-issuer (or --certificate-oidc-issuer-regexp), or --key").ConfigureAwait(false);
                    return (int)ExitCode.Error;
                }

                var instance = parse.GetValue(staging) ? SigstoreTrustLocations.Staging : SigstoreTrustLocations.Production;
                var rootPath = SigstoreTrustLocations.Resolve(parse.GetValue(trustedRoot), instance);
                var root = TrustedRootReader.Read(await ReadBoundedAsync(rootPath, SigstoreLimits.MaxTrustedRootBytes, SigstoreChecks.TrustedRoot, cancellationToken).ConfigureAwait(false), rootPath);
                var bundle = SigstoreBundleReader.Read(await ReadBoundedAsync(bundlePath, SigstoreLimits.MaxBundleBytes, SigstoreChecks.BundleFormat, cancellationToken).ConfigureAwait(false), bundlePath);
                var input = !File.Exists(target) && ArtifactInput.TryParseDigest(target) is { } digest ? digest : ArtifactInput.FromFile(target);

                var result = new SigstoreVerifier(root, TimeProvider.System).Verify(bundle, input, policy);
                await stdout.WriteLineAsync(Describe(result, input)).ConfigureAwait(false);
                return (int)ExitCode.Pass;
            }
            catch (SigstoreVerificationException ex)
            {
                await stderr.WriteLineAsync($"modelgate: verification failed [{ex.Check}]: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Fail;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }

    private static VerificationPolicy? Policy(string? identity, string? identityRegex, string? issuer, string? issuerRegex, string? keyPem)
    {
        var anyIdentity = identity is not null || identityRegex is not null || issuer is not null || issuerRegex is not null;
        if (keyPem is not null)
            return anyIdentity ? null : VerificationPolicy.ForKey(SigstorePublicKey.FromPem(keyPem));

        var identityMatcher = identity is not null ? StringMatcher.Exact(identity) : identityRegex is not null ? StringMatcher.Regex(identityRegex) : null;
        var issuerMatcher = issuer is not null ? StringMatcher.Exact(issuer) : issuerRegex is not null ? StringMatcher.Regex(issuerRegex) : null;
        if (identityMatcher is null || issuerMatcher is null || (identity is not null && identityRegex is not null) || (issuer is not null && issuerRegex is not null))
            return null;
        return VerificationPolicy.ForIdentity(identityMatcher, issuerMatcher);
    }

    /// <summary>Reads a file only if it is within the limit, so a 50 MB "bundle" is refused before it is read or parsed.</summary>
    private static async Task<byte[]> ReadBoundedAsync(string path, int limit, string check, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        if (stream.Length > limit)
        {
            throw new SigstoreVerificationException(check, $"{path}: {stream.Length} bytes, more than the {limit}-byte limit; refused before parsing");
        }

        var buffer = new byte[stream.Length];
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }

    private static string Describe(SigstoreVerificationResult result, ArtifactInput input)
    {
        var signer = result.SignedWithCertificate ? $"{result.Identity} (issuer {result.Issuer})" : "the managed key";
        var times = result.VerifiedTimes.Count == 0 ? "no verified time" : "verified at " + string.Join(", ", result.VerifiedTimes.Select(FulcioCertificate.Describe));
        return $"OK: {input.Description} signed by {signer}; bundle v{result.BundleVersion}, {result.TlogEntries} log entr{(result.TlogEntries == 1 ? "y" : "ies")}, {result.SignedTimestamps} signed timestamp{(result.SignedTimestamps == 1 ? "" : "s")}, {times}";
    }
}
