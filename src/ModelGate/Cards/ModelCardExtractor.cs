using System.Text;
using ModelGate.Discovery;
using ModelGate.Extractors;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.ModelCards;
using ModelGate.Inventory;

namespace ModelGate.Cards;

/// <summary>
/// Reads a Hugging Face model card (<c>README.md</c>) that has YAML front matter or sits beside a
/// <c>config.json</c>, with that config. Any other README is a project's documentation and is left alone.
/// </summary>
internal sealed class ModelCardExtractor : IExtractor
{
    public const string ExtractorName = "model/card";

    public string Name => ExtractorName;

    public bool CanExtract(DiscoveredFile file) => file.FileName.Equals("README.md", StringComparison.OrdinalIgnoreCase);

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        var file = context.File;
        var configFull = Path.Combine(Path.GetDirectoryName(file.FullPath) ?? string.Empty, "config.json");
        var hasConfig = File.Exists(configFull);
        if (!hasConfig && !StartsWithFrontMatter(file))
            return ValueTask.CompletedTask;
        if (!context.TryReadText(out var text))
            return ValueTask.CompletedTask;
        var card = ModelCardReader.Read(text);
        if (!card.HasFrontMatter && !hasConfig)
            return ValueTask.CompletedTask;

        ModelConfig? config = null;
        if (hasConfig)
        {
            var configPath = file.RelativeDirectory.Length == 0 ? "config.json" : file.RelativeDirectory + "/config.json";
            if (!context.TryReadRelatedText(file.RelativePath, "config.json", out var related, out var error))
            {
                context.Report(Rules.ParseError, new SourceLocation(configPath), error);
            }
            else
            {
                try
                {
                    config = ModelConfigReader.Read(Encoding.UTF8.GetBytes(related.Text));
                }
                catch (MalformedDataException ex)
                {
                    context.Report(Rules.ParseError, new SourceLocation(configPath, ex.Line), $"{configPath}: {ex.Message}");
                }
            }
        }
        context.AddModelCard(new ModelCardEntry { Path = file.RelativePath, Folder = file.RelativeDirectory, Card = card, Config = config });
        return ValueTask.CompletedTask;
    }

    private static bool StartsWithFrontMatter(DiscoveredFile file)
    {
        var prefix = file.ReadPrefix(8).AsSpan();
        if (prefix.StartsWith("\xEF\xBB\xBF"u8))
            prefix = prefix[3..];
        return prefix.StartsWith("---"u8);
    }
}
