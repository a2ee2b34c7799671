using System.Diagnostics.CodeAnalysis;
using System.Text;
using ModelGate.Discovery;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Inventory;
using ModelGate.Scanning;

namespace ModelGate.Extractors;

/// <summary>
/// What one extractor sees of one file: bounded reads of it (and of the files it includes), and the
/// sinks for packages, constraints and diagnostics. Not thread-safe; one context per file.
/// </summary>
public sealed class ExtractionContext
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _rootDirectory;
    private readonly List<InventoryPackage> _packages = [];
    private readonly List<InventoryPackage> _constraints = [];
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<ModelArtifact> _artifacts = [];
    private readonly List<Cards.ModelCardEntry> _cards = [];

    internal ExtractionContext(DiscoveredFile file, string rootDirectory, ScanOptions options)
    {
        File = file;
        _rootDirectory = rootDirectory;
        Options = options;
    }

    public DiscoveredFile File { get; }

    /// <summary>The extractor this context was made for.</summary>
    internal string ExtractorName { get; init; } = string.Empty;

    /// <summary>True when the extractor recorded anything: a package, constraint, artifact, model card or diagnostic.</summary>
    internal bool ProducedAnything => _packages.Count + _constraints.Count + _diagnostics.Count + _artifacts.Count + _cards.Count > 0;

    public ScanOptions Options { get; }

    internal IReadOnlyList<InventoryPackage> Packages => _packages;

    internal IReadOnlyList<InventoryPackage> Constraints => _constraints;

    internal IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    internal IReadOnlyList<ModelArtifact> Artifacts => _artifacts;

    internal IReadOnlyList<Cards.ModelCardEntry> ModelCards => _cards;

    /// <summary>A location in this file.</summary>
    public SourceLocation At(int? line = null) => new(File.RelativePath, line);

    /// <summary>
    /// The whole file as UTF-8 text (a leading BOM removed). Throws <see cref="MalformedDataException"/>
    /// when it is larger than <see cref="ReaderLimits.MaxTextFileBytes"/> or is not valid UTF-8.
    /// </summary>
    public string ReadText() => ReadTextFile(File.FullPath, File.RelativePath);

    /// <summary>
    /// The whole file as text, or false after reporting why not: larger than
    /// <see cref="ReaderLimits.MaxTextFileBytes"/> (<c>MG0003</c>), not valid UTF-8 (<c>MG0001</c> with the
    /// line), or unreadable (<c>MG0002</c>). The one way extractors read text, so every reader fails alike.
    /// </summary>
    public bool TryReadText([NotNullWhen(true)] out string? text)
    {
        text = null;
        if (File.Length > ReaderLimits.MaxTextFileBytes)
        {
            Report(Rules.InputLimitExceeded, At(), $"{File.RelativePath} is {File.Length} bytes; text files larger than {ReaderLimits.MaxTextFileBytes} bytes are not read");
            return false;
        }
        try
        {
            text = ReadText();
            return true;
        }
        catch (MalformedDataException ex)
        {
            // The file may have grown past the limit after discovery: that is a limit, not a syntax error.
            var rule = ex.Reason.Contains("are not read", StringComparison.Ordinal) ? Rules.InputLimitExceeded : Rules.ParseError;
            Report(rule, At(ex.Line), ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(Rules.UnreadableInput, At(), $"{File.RelativePath} could not be read: {ex.Message}");
        }
        return false;
    }

    /// <summary>
    /// Reads a file named by this one (a <c>-r</c> include, for example), resolved against this file's
    /// folder when relative. Returns false with a reason when it is missing or unreadable.
    /// </summary>
    public bool TryReadRelatedText(string fromRelativePath, string reference, out RelatedText related, out string error)
    {
        related = default;
        var fromFull = Path.GetFullPath(Path.Combine(_rootDirectory, fromRelativePath));
        var baseDir = Path.GetDirectoryName(fromFull) ?? _rootDirectory;
        string full;
        try
        {
            full = Path.GetFullPath(Path.IsPathRooted(reference) ? reference : Path.Combine(baseDir, reference));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"'{reference}' is not a usable path: {ex.Message}";
            return false;
        }
        var display = Path.GetRelativePath(_rootDirectory, full).Replace('\\', '/');
        if (!System.IO.File.Exists(full))
        {
            error = $"'{reference}' does not exist (looked for {display})";
            return false;
        }
        try
        {
            related = new RelatedText(full, display, ReadTextFile(full, display));
            error = string.Empty;
            return true;
        }
        catch (MalformedDataException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"'{display}' could not be read: {ex.Message}";
            return false;
        }
    }

    public void AddPackage(InventoryPackage package) => _packages.Add(package);

    public void AddArtifact(ModelArtifact artifact) => _artifacts.Add(artifact);

    /// <summary>A model folder's card and config.</summary>
    internal void AddModelCard(Cards.ModelCardEntry card) => _cards.Add(card);

    /// <summary>A constraint (pip <c>-c</c>) restricts versions but installs nothing.</summary>
    public void AddConstraint(InventoryPackage package) => _constraints.Add(package);

    /// <summary>A part of the input that could not be understood; the rest is still read.</summary>
    public void ReportParseError(int? line, string message) =>
        _diagnostics.Add(new Diagnostic(Rules.ParseError.Id, message, At(line)));

    /// <summary>A diagnostic at a location in another file (an included one) or with another rule.</summary>
    public void Report(Rule rule, SourceLocation location, string message) =>
        _diagnostics.Add(new Diagnostic(rule.Id, message, location));

    private static string ReadTextFile(string fullPath, string displayPath)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (stream.Length > ReaderLimits.MaxTextFileBytes)
            throw new MalformedDataException("text", $"{displayPath} is {stream.Length} bytes; manifests larger than {ReaderLimits.MaxTextFileBytes} bytes are not read");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var span = bytes.AsSpan();
        if (span.StartsWith("\xEF\xBB\xBF"u8))
            span = span[3..];
        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? ex.Index : (int?)null;
            throw new MalformedDataException("text", $"{displayPath} is not valid UTF-8", offset: offset, line: offset is int o ? CountLine(span, o) : null);
        }
    }

    private static int CountLine(ReadOnlySpan<byte> bytes, int offset) =>
        bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;
}

/// <summary>A file read because another named it.</summary>
public readonly record struct RelatedText(string FullPath, string RelativePath, string Text);
