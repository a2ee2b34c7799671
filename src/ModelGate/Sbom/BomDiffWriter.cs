using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelGate.Sbom;

/// <summary><c>bom diff</c> output as text, JSON or Markdown; every list in the order <see cref="BomDiff"/> gives.</summary>
internal static class BomDiffWriter
{
    public static readonly IReadOnlyList<string> Formats = ["text", "json", "markdown"];

    public static string Write(BomDiff diff, string format, string oldName, string newName) => format switch
    {
        "json" => Json(diff, oldName, newName),
        "markdown" => Markdown(diff, oldName, newName),
        _ => Text(diff, oldName, newName),
    };

    private static string Text(BomDiff diff, string oldName, string newName)
    {
        var b = new StringBuilder();
        b.Append("BOM diff ").Append(oldName).Append(" -> ").Append(newName).Append('\n');
        if (diff.IsEmpty)
            return b.Append("No changes.\n").ToString();
        foreach (var c in diff.Added)
            b.Append("+ ").Append(c.Type).Append(' ').Append(c.Name).Append(Version(c.NewVersion)).Append('\n');
        foreach (var c in diff.Removed)
            b.Append("- ").Append(c.Type).Append(' ').Append(c.Name).Append(Version(c.OldVersion)).Append('\n');
        foreach (var c in diff.Changed)
            b.Append("~ ").Append(c.Type).Append(' ').Append(c.Name).Append(": ").Append(string.Join("; ", c.Details)).Append('\n');
        foreach (var v in diff.NewVulnerabilities)
            b.Append("! new vulnerability ").Append(v.Id).Append(" (").Append(v.Severity).Append(") in ").Append(v.Component).Append(Version(v.Version)).Append('\n');
        foreach (var v in diff.FixedVulnerabilities)
            b.Append("✓ fixed vulnerability ").Append(v.Id).Append(" in ").Append(v.Component).Append(Version(v.Version)).Append('\n');
        b.Append($"{diff.Added.Count} added, {diff.Removed.Count} removed, {diff.Changed.Count} changed; {diff.NewVulnerabilities.Count} new vulnerabilities, {diff.FixedVulnerabilities.Count} fixed\n");
        return b.ToString();
    }

    private static string Markdown(BomDiff diff, string oldName, string newName)
    {
        var b = new StringBuilder();
        b.Append("# BOM diff\n\n`").Append(Cell(oldName)).Append("` → `").Append(Cell(newName)).Append("`\n\n");
        if (diff.IsEmpty)
            return b.Append("No changes.\n").ToString();
        if (diff.Added.Count + diff.Removed.Count + diff.Changed.Count > 0)
        {
            b.Append("## Components\n\n| change | type | name | old | new | details |\n|---|---|---|---|---|---|\n");
            foreach (var c in diff.Added)
                Row(b, "added", c);
            foreach (var c in diff.Removed)
                Row(b, "removed", c);
            foreach (var c in diff.Changed)
                Row(b, "changed", c);
            b.Append('\n');
        }
        if (diff.NewVulnerabilities.Count + diff.FixedVulnerabilities.Count > 0)
        {
            b.Append("## Vulnerabilities\n\n| change | id | severity | component | version |\n|---|---|---|---|---|\n");
            foreach (var v in diff.NewVulnerabilities)
                b.Append("| new | ").Append(Cell(v.Id)).Append(" | ").Append(Cell(v.Severity)).Append(" | ").Append(Cell(v.Component)).Append(" | ").Append(Cell(v.Version ?? string.Empty)).Append(" |\n");
            foreach (var v in diff.FixedVulnerabilities)
                b.Append("| fixed | ").Append(Cell(v.Id)).Append(" | ").Append(Cell(v.Severity)).Append(" | ").Append(Cell(v.Component)).Append(" | ").Append(Cell(v.Version ?? string.Empty)).Append(" |\n");
        }
        return b.ToString();
    }

    private static void Row(StringBuilder b, string change, ComponentChange c) =>
        b.Append("| ").Append(change).Append(" | ").Append(Cell(c.Type)).Append(" | ").Append(Cell(c.Name)).Append(" | ")
            .Append(Cell(c.OldVersion ?? string.Empty)).Append(" | ").Append(Cell(c.NewVersion ?? string.Empty)).Append(" | ")
            .Append(Cell(string.Join("; ", c.Details))).Append(" |\n");

    /// <summary>A table cell: pipes, backticks and line breaks from a hostile BOM cannot break the table.</summary>
    private static string Cell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("`", "'", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private static string Json(BomDiff diff, string oldName, string newName)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("old", oldName);
            w.WriteString("new", newName);
            w.WriteBoolean("hasChanges", !diff.IsEmpty);
            Components(w, "added", diff.Added);
            Components(w, "removed", diff.Removed);
            Components(w, "changed", diff.Changed);
            Vulnerabilities(w, "newVulnerabilities", diff.NewVulnerabilities);
            Vulnerabilities(w, "fixedVulnerabilities", diff.FixedVulnerabilities);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Components(Utf8JsonWriter w, string name, IReadOnlyList<ComponentChange> changes)
    {
        w.WriteStartArray(name);
        foreach (var c in changes)
        {
            w.WriteStartObject();
            w.WriteString("identity", c.Identity);
            w.WriteString("type", c.Type);
            w.WriteString("name", c.Name);
            Nullable(w, "oldVersion", c.OldVersion);
            Nullable(w, "newVersion", c.NewVersion);
            w.WriteStartArray("details");
            foreach (var detail in c.Details)
                w.WriteStringValue(detail);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Vulnerabilities(Utf8JsonWriter w, string name, IReadOnlyList<VulnerabilityChange> changes)
    {
        w.WriteStartArray(name);
        foreach (var v in changes)
        {
            w.WriteStartObject();
            w.WriteString("id", v.Id);
            w.WriteString("severity", v.Severity);
            w.WriteString("component", v.Component);
            Nullable(w, "version", v.Version);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }

    private static string Version(string? version) => version is null ? string.Empty : " " + version;
}
