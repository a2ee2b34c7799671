using System.Text.Json;
using ModelGate.Cards;
using ModelGate.Formats.ModelCards;

namespace ModelGate.Reporting.CycloneDx;

/// <summary>
/// A Hugging Face model card and its <c>config.json</c> as a CycloneDX 1.6 <c>modelCard</c>: model parameters,
/// quantitative analysis from <c>model-index</c>, and considerations from the card's sections (docs/cyclonedx.md).
/// </summary>
internal static class BomModelCardWriter
{
    public static void Write(Utf8JsonWriter w, ModelCardEntry entry)
    {
        var metadata = entry.Card.Metadata;
        w.WriteStartObject("modelCard");
        w.WriteString("bom-ref", "model-card:" + entry.Path);

        w.WriteStartObject("modelParameters");
        if (metadata.PipelineTag is { Length: > 0 } task)
            w.WriteString("task", task);
        if (entry.Config?.ModelType is { Length: > 0 } family)
            w.WriteString("architectureFamily", family);
        if (entry.Config?.Architectures.FirstOrDefault(a => a.Length > 0) is { } architecture)
            w.WriteString("modelArchitecture", architecture);
        var datasets = metadata.Datasets.Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (datasets.Count > 0)
        {
            w.WriteStartArray("datasets");
            foreach (var dataset in datasets)
            {
                w.WriteStartObject();
                w.WriteString("ref", BomContents.DatasetRef(dataset));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();

        var metrics = metadata.Results.Where(r => r.MetricValue is { Length: > 0 }).ToList();
        if (metrics.Count > 0)
        {
            w.WriteStartObject("quantitativeAnalysis");
            w.WriteStartArray("performanceMetrics");
            foreach (var result in metrics)
            {
                w.WriteStartObject();
                if ((result.MetricType ?? result.MetricName) is { } type)
                    w.WriteString("type", type);
                w.WriteString("value", result.MetricValue);
                var slice = string.Join(" ", new[] { result.DatasetName ?? result.DatasetType, result.DatasetSplit, result.TaskName ?? result.TaskType }.Where(p => !string.IsNullOrWhiteSpace(p)));
                if (slice.Length > 0)
                    w.WriteString("slice", slice);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        WriteConsiderations(w, entry.Card);

        w.WriteStartArray("properties");
        CycloneDxReportWriter.Property(w, "modelgate:card", entry.Path);
        if (metadata.LibraryName is { Length: > 0 } library)
            CycloneDxReportWriter.Property(w, "modelgate:library", library);
        foreach (var baseModel in metadata.BaseModels.Where(b => b.Length > 0))
            CycloneDxReportWriter.Property(w, "modelgate:base-model", baseModel);
        if (metadata.BaseModelRelation is { Length: > 0 } relation)
            CycloneDxReportWriter.Property(w, "modelgate:base-model-relation", relation);
        if (metadata.Gated)
            CycloneDxReportWriter.Property(w, "modelgate:gated", "true");
        if (entry.Card.FrontMatterError is { } error)
            CycloneDxReportWriter.Property(w, "modelgate:card-error", error);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The Hugging Face card template's sections mapped onto the spec's considerations: "Uses" (its own text) are
    /// the users, "Direct Use" and "Downstream Use" the use cases, "Bias, Risks, and Limitations" and "Out-of-Scope
    /// Use" the technical limitations, and the bias section with "Recommendations" one ethical consideration.
    /// </summary>
    private static void WriteConsiderations(Utf8JsonWriter w, ModelCard card)
    {
        string[] Texts(params ModelCardSectionKind[] kinds) =>
            [.. card.Sections.Where(s => kinds.Contains(s.Kind) && !string.IsNullOrWhiteSpace(s.Text)).Select(s => BomModelWriter.Clip(s.Text.Trim()))];

        var users = Texts(ModelCardSectionKind.Uses);
        var useCases = Texts(ModelCardSectionKind.DirectUse, ModelCardSectionKind.DownstreamUse);
        var limitations = Texts(ModelCardSectionKind.BiasRisksLimitations, ModelCardSectionKind.OutOfScopeUse);
        var risks = Texts(ModelCardSectionKind.BiasRisksLimitations);
        var recommendations = Texts(ModelCardSectionKind.Recommendations);
        if (users.Length + useCases.Length + limitations.Length + recommendations.Length == 0)
            return;
        w.WriteStartObject("considerations");
        Strings(w, "users", users);
        Strings(w, "useCases", useCases);
        Strings(w, "technicalLimitations", limitations);
        if (risks.Length > 0 || recommendations.Length > 0)
        {
            w.WriteStartArray("ethicalConsiderations");
            w.WriteStartObject();
            w.WriteString("name", risks.Length > 0 ? string.Join("\n\n", risks) : "See the recommendations");
            if (recommendations.Length > 0)
                w.WriteString("mitigationStrategy", string.Join("\n\n", recommendations));
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, string[] values)
    {
        if (values.Length == 0)
            return;
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
