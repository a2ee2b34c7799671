using System.Text.Json;
using ModelGate.Assessment;

namespace ModelGate.Reporting.Json;

/// <summary>The report's <c>assessment</c> object (docs/report-schema.md, "assessment", schema version 1).</summary>
internal static class AssessmentJson
{
    public const int SchemaVersion = 1;

    public static void Write(Utf8JsonWriter w, ModelAssessment a)
    {
        w.WriteStartObject("assessment");
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("subject", a.Subject);
        if (a.Card is null)
            w.WriteNull("card");
        else
            w.WriteString("card", a.Card);
        w.WriteString("verdict", AssessmentNames.Of(a.Verdict));
        w.WriteStartObject("parts");
        foreach (var (key, _, part) in AssessmentNames.Parts(a))
        {
            w.WriteStartObject(key);
            w.WriteString("verdict", AssessmentNames.Of(part.Verdict));
            if (key == "licensing")
            {
                if (a.License is null)
                    w.WriteNull("license");
                else
                    w.WriteString("license", a.License);
                w.WriteString("category", a.LicenseCategory);
                w.WriteStartArray("clauses");
                foreach (var clause in a.Clauses)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", clause.Kind);
                    w.WriteString("text", clause.Text);
                    w.WriteString("path", clause.Path);
                    w.WriteNumber("line", clause.Line);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (key == "operationalRisk")
                w.WriteNumber("documentationScore", a.DocumentationScore);
            Strings(w, "evidence", part.Evidence);
            Strings(w, "recommendations", part.Recommendations);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
