using System.Globalization;
using System.Text.Json;
using ModelGate.Formats.ModelCards;

namespace ModelGate.Reporting.CycloneDx;

/// <summary>A model as a <c>machine-learning-model</c> component, its files nested as <c>file</c> components.</summary>
internal static class BomModelWriter
{
    public static void Write(Utf8JsonWriter w, BomModel model)
    {
        w.WriteStartObject();
        w.WriteString("bom-ref", model.BomRef);
        w.WriteString("type", "machine-learning-model");
        if (model.Group is { } group)
            w.WriteString("group", group);
        w.WriteString("name", model.Name);
        if (model.Provenance is { } provenance)
            w.WriteString("version", provenance.Commit.ToLowerInvariant());
        if (model.Card?.Card.Sections.FirstOrDefault(x => x.Kind == ModelCardSectionKind.ModelDetails && x.Text.Length > 0) is { } details)
            w.WriteString("description", Clip(details.Text));
        if (model.Card is { } licensed)
            WriteLicenses(w, licensed.Card.Metadata);
        if (model.Purl is { } purl)
            w.WriteString("purl", purl.ToString());
        if (model.Provenance is { } source)
        {
            w.WriteStartArray("externalReferences");
            w.WriteStartObject();
            w.WriteString("type", "distribution");
            w.WriteString("url", $"https://huggingface.co/{string.Join('/', source.Repo.Split('/').Select(Uri.EscapeDataString))}/tree/{source.Commit.ToLowerInvariant()}");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartArray("properties");
        CycloneDxReportWriter.Property(w, "modelgate:folder", model.Folder.Length == 0 ? "." : model.Folder);
        if (model.Provenance is { } pinned)
        {
            CycloneDxReportWriter.Property(w, "modelgate:pin", pinned.Pin.ToString().ToLowerInvariant());
            if (pinned.RequestedRevision is { } revision)
                CycloneDxReportWriter.Property(w, "modelgate:requested-revision", revision);
            if (pinned.LockFile is { } lockFile)
                CycloneDxReportWriter.Property(w, "modelgate:lock", lockFile);
        }
        w.WriteEndArray();
        if (model.Card is { } card)
            BomModelCardWriter.Write(w, card);
        if (model.Files.Count > 0)
        {
            w.WriteStartArray("components");
            foreach (var file in model.Files)
                WriteFile(w, file);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// The card's <c>license</c> values: the SPDX id when the licence catalogue knows one (schema: <c>license.id</c> is
    /// an SPDX id), else the name; <c>other</c> is written as <c>license_name</c> with <c>license_link</c>.
    /// </summary>
    private static void WriteLicenses(Utf8JsonWriter w, ModelCardMetadata metadata)
    {
        var licenses = metadata.Licenses.Count > 0 ? metadata.Licenses : metadata.License is { } single ? [single] : [];
        var written = new List<(string Key, string Value, string? Url)>();
        foreach (var license in licenses.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var info = Cards.LicenseCatalog.Find(license);
            if (info?.SpdxId is { } spdx && IsSpdxId(spdx))
                written.Add(("id", spdx, null));
            else if (license.Equals("other", StringComparison.OrdinalIgnoreCase) && metadata.LicenseName is { Length: > 0 } name)
                written.Add(("name", name, metadata.LicenseLink is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? link : null));
            else
                written.Add(("name", info?.Name ?? license, null));
        }
        written = [.. written.Distinct()];
        if (written.Count == 0)
            return;
        w.WriteStartArray("licenses");
        foreach (var (key, value, url) in written)
        {
            w.WriteStartObject();
            w.WriteStartObject("license");
            w.WriteString(key, value);
            if (url is not null)
                w.WriteString("url", url);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static bool IsSpdxId(string id) =>
        id.Length > 0 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+')
        && !id.StartsWith("LicenseRef", StringComparison.Ordinal);

    /// <summary>Card prose is bounded by the reader; the BOM keeps a shorter excerpt so a card cannot bloat it.</summary>
    internal static string Clip(string text) => text.Length <= MaxTextChars ? text : string.Concat(text.AsSpan(0, MaxTextChars - 1), "…");

    private const int MaxTextChars = 4000;

    private static void WriteFile(Utf8JsonWriter w, BomModelFile file)
    {
        w.WriteStartObject();
        w.WriteString("bom-ref", file.BomRef);
        w.WriteString("type", "file");
        w.WriteString("name", file.Name);
        if (file.Sha256 is { } sha256 && BomHashes.Of("sha256", sha256) is { } hash)
            CycloneDxReportWriter.WriteHashes(w, [hash]);
        w.WriteStartArray("properties");
        if (file.Format is { } format)
            CycloneDxReportWriter.Property(w, "modelgate:format", format);
        if (file.Size is { } size)
            CycloneDxReportWriter.Property(w, "modelgate:size", size.ToString(CultureInfo.InvariantCulture));
        if (file.Verification is { } verification)
            CycloneDxReportWriter.Property(w, "modelgate:verification", verification);
        if (file.Verdict is { } verdict)
            CycloneDxReportWriter.Property(w, "modelgate:verdict", verdict);
        CycloneDxReportWriter.Property(w, "modelgate:path", file.Path);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
