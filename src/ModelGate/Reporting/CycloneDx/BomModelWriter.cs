using System.Globalization;
using System.Text.Json;

namespace ModelGate.Reporting.CycloneDx;

/// <summary>A model as a <c>machine-learning-model</c> component, its files nested as <c>file</c> components.</summary>
internal static class BomModelWriter
{
    public static void Write(Utf8JsonWriter w, ScanReport report, BomModel model)
    {
        w.WriteStartObject();
        w.WriteString("bom-ref", model.BomRef);
        w.WriteString("type", "machine-learning-model");
        if (model.Group is { } group)
            w.WriteString("group", group);
        w.WriteString("name", model.Name);
        if (model.Provenance is { } provenance)
            w.WriteString("version", provenance.Commit.ToLowerInvariant());
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
        if (model.Files.Count > 0)
        {
            w.WriteStartArray("components");
            foreach (var file in model.Files)
                WriteFile(w, file);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

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
