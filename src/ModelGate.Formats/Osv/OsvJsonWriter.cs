using System.Globalization;
using System.Text.Json;

namespace ModelGate.Formats.Osv;

/// <summary>
/// Writes an <see cref="OsvAdvisory"/> as canonical OSV JSON: the model's fields only, in one fixed order,
/// absent and empty fields left out, timestamps in UTC as RFC 3339 with the fraction trimmed. Reading the
/// output with <see cref="OsvJsonReader"/> gives back an equal advisory; the local advisory database stores
/// advisories in this form. Compact unless the writer was created with indentation.
/// </summary>
public static class OsvJsonWriter
{
    public static void Write(OsvAdvisory advisory, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("id", advisory.Id);
        Timestamp(writer, "modified", advisory.Modified);
        Timestamp(writer, "published", advisory.Published);
        Timestamp(writer, "withdrawn", advisory.Withdrawn);
        Strings(writer, "aliases", advisory.Aliases);
        Strings(writer, "related", advisory.Related);
        OptionalString(writer, "summary", advisory.Summary);
        OptionalString(writer, "details", advisory.Details);
        Severities(writer, advisory.Severity);
        if (advisory.Affected.Count > 0)
        {
            writer.WriteStartArray("affected");
            foreach (var affected in advisory.Affected)
                WriteAffected(writer, affected);
            writer.WriteEndArray();
        }
        if (advisory.References.Count > 0)
        {
            writer.WriteStartArray("references");
            foreach (var reference in advisory.References)
            {
                writer.WriteStartObject();
                writer.WriteString("type", reference.Type);
                writer.WriteString("url", reference.Url);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        DatabaseSeverity(writer, advisory.DatabaseSeverity);
        writer.WriteEndObject();
    }

    /// <summary>The canonical compact JSON as UTF-8 bytes.</summary>
    public static byte[] ToUtf8Bytes(OsvAdvisory advisory)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(advisory, writer);
        return stream.ToArray();
    }

    private static void WriteAffected(Utf8JsonWriter writer, OsvAffected affected)
    {
        writer.WriteStartObject();
        if (affected.Package is { } package)
        {
            writer.WriteStartObject("package");
            writer.WriteString("ecosystem", package.Ecosystem);
            writer.WriteString("name", package.Name);
            OptionalString(writer, "purl", package.Purl);
            writer.WriteEndObject();
        }
        if (affected.Ranges.Count > 0)
        {
            writer.WriteStartArray("ranges");
            foreach (var range in affected.Ranges)
            {
                writer.WriteStartObject();
                writer.WriteString("type", range.Type);
                OptionalString(writer, "repo", range.Repo);
                writer.WriteStartArray("events");
                foreach (var e in range.Events)
                {
                    writer.WriteStartObject();
                    writer.WriteString(EventName(e.Kind), e.Version);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        Strings(writer, "versions", affected.Versions);
        Severities(writer, affected.Severity);
        DatabaseSeverity(writer, affected.DatabaseSeverity);
        writer.WriteEndObject();
    }

    private static string EventName(OsvEventKind kind) => kind switch
    {
        OsvEventKind.Introduced => "introduced",
        OsvEventKind.Fixed => "fixed",
        OsvEventKind.LastAffected => "last_affected",
        OsvEventKind.Limit => "limit",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an OSV event kind"),
    };

    private static void Severities(Utf8JsonWriter writer, IReadOnlyList<OsvSeverity> severities)
    {
        if (severities.Count == 0)
            return;
        writer.WriteStartArray("severity");
        foreach (var severity in severities)
        {
            writer.WriteStartObject();
            writer.WriteString("type", severity.Type);
            writer.WriteString("score", severity.Score);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void DatabaseSeverity(Utf8JsonWriter writer, string? severity)
    {
        if (severity is null)
            return;
        writer.WriteStartObject("database_specific");
        writer.WriteString("severity", severity);
        writer.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            return;
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static void OptionalString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
            writer.WriteString(name, value);
    }

    // RFC 3339 in UTC, as osv-schema asks; the fraction keeps every tick that is not zero.
    private static void Timestamp(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
            writer.WriteString(name, v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
