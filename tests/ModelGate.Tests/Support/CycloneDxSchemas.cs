using System.Text.Json;
using Json.Schema;

namespace ModelGate.Tests.Support;

/// <summary>
/// The official CycloneDX 1.6 and 1.7 JSON schemas from <c>../shared/schemas/cyclonedx</c>, with the schemas they
/// refer to by relative name (SPDX ids, JSF signatures, cryptography definitions) registered under their ids in a
/// registry of their own. Format assertion is on: the JSF <c>algorithm</c> oneOf needs it (the folder's README).
/// </summary>
internal static class CycloneDxSchemas
{
    public static string Folder { get; } = SharedTestData.CycloneDxFolder;

    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Schemas = new(Load);

    private static Dictionary<string, JsonSchema> Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var dependency in new[] { "spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json" })
            JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, dependency)), options);
        return new Dictionary<string, JsonSchema>(StringComparer.Ordinal)
        {
            ["1.6"] = JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "bom-1.6.schema.json")), options),
            ["1.7"] = JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "bom-1.7.schema.json")), options),
        };
    }

    /// <summary>The schema errors of <paramref name="bom"/> against its own specVersion's schema; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string bom)
    {
        using var doc = JsonDocument.Parse(bom);
        var version = doc.RootElement.GetProperty("specVersion").GetString()!;
        var result = Schemas.Value[version].Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
            return [];
        return [.. (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no detail)")];
    }

    public static void AssertValid(string bom)
    {
        var errors = Errors(bom);
        Assert.True(errors.Count == 0, "BOM does not validate:\n" + string.Join("\n", errors.Take(40)));
    }
}
