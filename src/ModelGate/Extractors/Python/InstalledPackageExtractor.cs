using ModelGate.Discovery;
using ModelGate.Formats;
using ModelGate.Formats.CoreMetadata;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>
/// An installed distribution: <c>&lt;name&gt;-&lt;version&gt;.dist-info/METADATA</c> ("Recording installed
/// projects"). Direct when the installer left <c>REQUESTED</c> (pip writes it for what the user asked
/// for); editable, VCS or URL installs from <c>direct_url.json</c>; <c>RECORD</c> is checked for
/// well-formed rows (the installed files are not hashed here).
/// </summary>
internal sealed class InstalledPackageExtractor : IExtractor
{
    public string Name => "python/installed";

    public bool CanExtract(DiscoveredFile file) =>
        file.FileName == "METADATA" && InstalledDistributions.ParentFolderEndsWith(file.FullPath, ".dist-info");

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        var package = InstalledDistributions.Read(context, Name);
        if (package is null)
            return ValueTask.CompletedTask;

        package = package with { Direct = InstalledDistributions.SiblingExists(context, "REQUESTED") };
        if (InstalledDistributions.SiblingExists(context, "direct_url.json")
            && InstalledDistributions.TryReadSibling(context, "direct_url.json", out var directUrlText))
        {
            try
            {
                var directUrl = DirectUrlReader.Read(directUrlText.Text);
                package = package with
                {
                    Url = directUrl.Reference,
                    Editable = directUrl.Editable,
                    Hashes = directUrl.ArchiveHashes,
                };
            }
            catch (MalformedDataException ex)
            {
                context.Report(Findings.Rules.ParseError, new SourceLocation(directUrlText.RelativePath, ex.Line), ex.Message);
            }
        }
        context.AddPackage(package);

        if (InstalledDistributions.SiblingExists(context, "RECORD")
            && InstalledDistributions.TryReadSibling(context, "RECORD", out var recordText))
        {
            var record = RecordReader.Read(recordText.Text);
            foreach (var error in record.Errors)
                context.Report(Findings.Rules.ParseError, new SourceLocation(recordText.RelativePath, error.Line), $"RECORD: {error.Message}");
        }
        return ValueTask.CompletedTask;
    }
}
