using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Signatures.ModelSigning;

namespace ModelGate.Analyzers;

/// <summary>
/// Reports, for every model in a scanned folder, whether it is signed: each <c>model.sig</c> (OpenSSF model
/// signing) in the target or in a folder above a model file is checked — files always, the signer against the
/// configured trust — and a folder of model files with no signature in it or above it, and no Sigstore bundle next
/// to its files, is reported unsigned (MG3006). Without configured trust a valid signature is "signed by someone
/// not trusted" (MG3015), never "verified".
/// </summary>
internal sealed class ModelSignatureAnalyzer(ModelSigningTrust trust, ModelSigningLimits? limits = null) : IAnalyzer
{
    /// <summary>Suffixes of Sigstore bundles that sign the file they are named after (cosign, sigstore-python).</summary>
    internal static readonly string[] BundleSuffixes = [".sigstore.json", ".sigstore", ".sig"];

    private readonly ModelSigningLimits _limits = limits ?? ModelSigningLimits.Default;

    public string Name => "provenance/model-signing";

    public IReadOnlyList<Rule> Rules { get; } =
    [
        Findings.Rules.SignatureMissing, Findings.Rules.ModelSignatureVerified, Findings.Rules.ModelSignatureInvalid,
        Findings.Rules.SignedFileChanged, Findings.Rules.SignedFileMissing, Findings.Rules.UnsignedFile,
        Findings.Rules.SignerNotTrusted, Findings.Rules.SignatureUncheckable,
    ];

    public async ValueTask AnalyzeAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        var artifacts = context.Inventory.ModelArtifacts.Select(a => a.Source.Path).Distinct(StringComparer.Ordinal).ToList();
        var candidates = new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (var path in artifacts)
        {
            for (var folder = SourceLocation.FolderOf(path); folder.Length > 0; folder = SourceLocation.FolderOf(folder))
                candidates.Add(folder);
        }
        var signed = new List<string>();
        foreach (var relative in candidates.OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal))
        {
            var folder = Full(context.Root, relative);
            var signature = Path.Combine(folder, ModelSigningFormat.DefaultSignatureName);
            if (!File.Exists(signature))
                continue;
            signed.Add(relative);
            var modelDisplay = relative.Length == 0 ? "." : relative;
            var signatureDisplay = relative.Length == 0 ? ModelSigningFormat.DefaultSignatureName : $"{relative}/{ModelSigningFormat.DefaultSignatureName}";
            var check = await ModelSigningVerification.CheckAsync(folder, signature, trust, [], _limits, cancellationToken).ConfigureAwait(false);
            foreach (var finding in ModelSigningFindings.FromCheck(check, modelDisplay, signatureDisplay))
                context.Report(finding);
        }

        // A Hub target already reported whether the repository publishes a signature.
        var hubReported = context.Findings.Any(f => f.Rule == Findings.Rules.SignatureMissing);
        var unsigned = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in artifacts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = SourceLocation.FolderOf(path);
            if (signed.Any(s => s.Length == 0 || ResourceNames.IsAtOrBelow(folder, s)))
                continue;
            var full = Full(context.Root, path);
            if (BundleSuffixes.Select(suffix => full + suffix).FirstOrDefault(IsBundle) is { } bundle)
            {
                var (status, signer, problem) = ArtifactBundleCheck.Check(full, bundle, trust, TimeProvider.System);
                context.Report(ModelSigningFindings.FromArtifactBundle(path, path + bundle[full.Length..], status, signer, problem));
                continue;
            }
            unsigned.Add(folder.Length == 0 ? "." : folder);
        }
        if (hubReported)
            return;
        foreach (var folder in unsigned)
            context.Report(ModelSigningFindings.Absent(folder));
    }

    /// <summary>A Sigstore bundle is JSON; a <c>.sig</c> that is not (a bare cosign signature) names no signer and is not counted.</summary>
    private static bool IsBundle(string path)
    {
        try
        {
            if (!File.Exists(path))
                return false;
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[64];
            var read = stream.Read(head);
            return head[..read].TrimStart(" \t\r\n"u8).StartsWith("{"u8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Full(string root, string relative) =>
        relative.Length == 0 ? root : Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
}
