using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.CoreMetadata;
using ModelGate.Formats.Pep508;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>Reads one installed distribution's core metadata into an inventory entry.</summary>
internal static class InstalledDistributions
{
    /// <summary>The entry for the METADATA/PKG-INFO text of the context's file, or null after reporting why not.</summary>
    public static InventoryPackage? Read(ExtractionContext context, string extractor)
    {
        if (!context.TryReadText(out var text))
            return null;
        CoreMetadataDocument metadata;
        try
        {
            metadata = CoreMetadataReader.Read(text);
        }
        catch (MalformedDataException ex)
        {
            context.ReportParseError(ex.Line, ex.Message);
            return null;
        }
        var name = metadata.Get("Name");
        var version = metadata.Get("Version");
        if (name is null || !PackageName.IsValid(name.Value))
        {
            context.ReportParseError(name?.Line ?? 1, name is null ? "core metadata has no 'Name' field" : $"'Name: {name.Value}' is not a valid distribution name");
            return null;
        }
        if (version is null || version.Value.Length == 0)
        {
            context.ReportParseError(version?.Line ?? name.Line, $"core metadata of {name.Value} has no 'Version' field");
            return null;
        }
        return new InventoryPackage
        {
            Ecosystem = Ecosystems.PyPI,
            Name = PackageName.Normalize(name.Value),
            DeclaredName = name.Value,
            Version = version.Value,
            Specifier = "==" + version.Value,
            Source = context.At(name.Line),
            Origin = PackageOrigin.Installed,
            Extractor = extractor,
        };
    }

    /// <summary>A file next to the metadata file, when it exists (existence only; reading goes through the context).</summary>
    public static bool SiblingExists(ExtractionContext context, string fileName)
    {
        var folder = Path.GetDirectoryName(context.File.FullPath);
        return folder is not null && File.Exists(Path.Combine(folder, fileName));
    }

    public static bool TryReadSibling(ExtractionContext context, string fileName, out RelatedText related)
    {
        if (context.TryReadRelatedText(context.File.RelativePath, fileName, out related, out var error))
            return true;
        var location = new SourceLocation(SiblingPath(context, fileName));
        context.Report(Rules.UnreadableInput, location, error);
        return false;
    }

    public static string SiblingPath(ExtractionContext context, string fileName) =>
        context.File.RelativeDirectory.Length == 0 ? fileName : context.File.RelativeDirectory + "/" + fileName;

    /// <summary>The name of the folder holding the file, from the path alone.</summary>
    public static bool ParentFolderEndsWith(string fullPath, string suffix)
    {
        var folder = Path.GetDirectoryName(fullPath);
        return folder is not null && Path.GetFileName(folder).EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}
