using System.Text;
using ModelGate.Discovery;
using ModelGate.Extractors;
using ModelGate.Formats;
using ModelGate.Formats.ModelCards;
using ModelGate.Inventory;

namespace ModelGate.Cards;

/// <summary>
/// The Transformers release a model's <c>config.json</c> was written with (<c>transformers_version</c>), as a
/// package to audit: loading the model needs that library. Registered only by <c>modelgate assess</c>; a
/// project scan audits what the project itself pins.
/// </summary>
internal sealed class ModelConfigPackageExtractor : IExtractor
{
    public const string ExtractorName = "model/config";

    public string Name => ExtractorName;

    public bool CanExtract(DiscoveredFile file) => file.FileName.Equals("config.json", StringComparison.Ordinal);

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        if (!context.TryReadText(out var text))
            return ValueTask.CompletedTask;
        ModelConfig config;
        try
        {
            config = ModelConfigReader.Read(Encoding.UTF8.GetBytes(text));
        }
        catch (MalformedDataException ex)
        {
            // Worded as the card extractor words it, so a config read by both is reported once.
            context.ReportParseError(ex.Line, $"{context.File.RelativePath}: {ex.Message}");
            return ValueTask.CompletedTask;
        }
        if (config.TransformersVersion is { Length: > 0 } version)
        {
            context.AddPackage(new InventoryPackage
            {
                Ecosystem = Ecosystems.PyPI,
                Name = "transformers",
                DeclaredName = "transformers",
                Version = version,
                Specifier = "==" + version,
                Source = context.At(LineOf(text, "\"transformers_version\"")),
                Direct = true,
                Extractor = ExtractorName,
            });
        }
        return ValueTask.CompletedTask;
    }

    private static int? LineOf(string text, string key)
    {
        var index = text.IndexOf(key, StringComparison.Ordinal);
        return index < 0 ? null : text.AsSpan(0, index).Count('\n') + 1;
    }
}
