namespace ModelGate.Formats.ModelCards;

/// <summary>Turns the front-matter mapping into <see cref="ModelCardMetadata"/>; values of the wrong shape are ignored.</summary>
internal static class MetadataReader
{
    public static ModelCardMetadata Read(CardNode root)
    {
        var licenses = List(root.Get("license"));
        var gatedKeys = root.Pairs!.Where(p => p.Key.StartsWith("extra_gated_", StringComparison.Ordinal)).ToList();
        return new ModelCardMetadata
        {
            License = licenses.Count > 0 ? licenses[0] : null,
            Licenses = licenses,
            LicenseName = Scalar(root.Get("license_name")),
            LicenseLink = Scalar(root.Get("license_link")),
            Datasets = List(root.Get("datasets")),
            Languages = List(root.Get("language")),
            Tags = List(root.Get("tags")),
            BaseModels = List(root.Get("base_model")),
            BaseModelRelation = Scalar(root.Get("base_model_relation")),
            PipelineTag = Scalar(root.Get("pipeline_tag")),
            LibraryName = Scalar(root.Get("library_name")),
            Results = Results(root.Get("model-index")),
            Gated = gatedKeys.Count > 0,
            GatedPrompt = Scalar(root.Get("extra_gated_prompt")),
            GatedFields = root.Get("extra_gated_fields")?.Pairs?.Take(ModelCardReader.MaxListItems).Select(p => Cut(p.Key)).ToList() ?? [],
        };
    }

    private static string? Scalar(CardNode? node) => node?.Text is { } text ? Cut(text.Trim()) : null;

    /// <summary>A list of scalars, or a scalar as a one-item list; empty strings and non-scalars left out.</summary>
    private static List<string> List(CardNode? node)
    {
        if (node is null)
            return [];
        if (node.Items is { } items)
        {
            return items.Select(Scalar).OfType<string>().Where(s => s.Length > 0).Take(ModelCardReader.MaxListItems).ToList();
        }
        return Scalar(node) is { Length: > 0 } one ? [one] : [];
    }

    private static string Cut(string value) => value.Length > ModelCardReader.MaxValueChars ? value[..ModelCardReader.MaxValueChars] : value;

    /// <summary>
    /// <c>model-index: [{name, results: [{task: {type, name}, dataset: {type, name, split}, metrics: [{type, name, value}]}]}]</c>.
    /// </summary>
    private static List<ModelIndexResult> Results(CardNode? index)
    {
        var results = new List<ModelIndexResult>();
        foreach (var model in index?.Items ?? [])
        {
            var modelName = Scalar(model.Get("name"));
            foreach (var result in model.Get("results")?.Items ?? [])
            {
                var task = result.Get("task");
                var dataset = result.Get("dataset");
                var metrics = result.Get("metrics")?.Items ?? [];
                if (metrics.Count == 0)
                    metrics = [new CardNode(result.Line)];
                foreach (var metric in metrics)
                {
                    if (results.Count >= ModelCardReader.MaxListItems)
                        return results;
                    results.Add(new ModelIndexResult(
                        modelName,
                        Scalar(task?.Get("type")),
                        Scalar(task?.Get("name")),
                        Scalar(dataset?.Get("type")),
                        Scalar(dataset?.Get("name")),
                        Scalar(dataset?.Get("split")),
                        Scalar(metric.Get("type")),
                        Scalar(metric.Get("name")),
                        Scalar(metric.Get("value"))));
                }
            }
        }
        return results;
    }
}
