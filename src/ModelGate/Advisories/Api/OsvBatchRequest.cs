using System.Buffers;
using System.Text.Json;

namespace ModelGate.Advisories.Api;

/// <summary>
/// Body of <c>POST /v1/querybatch</c> (https://google.github.io/osv.dev/post-v1-querybatch/):
/// <c>{"queries":[{"package":{"name":..,"ecosystem":"PyPI"},"version":..,"page_token":..}]}</c>.
/// <c>page_token</c> is a per-query parameter (the same as for <c>POST /v1/query</c>) and is written only when
/// a previous answer for that query carried <c>next_page_token</c>.
/// </summary>
internal static class OsvBatchRequest
{
    /// <summary>OSV ecosystem name for the Python Package Index (OSV schema, "Defined ecosystems").</summary>
    public const string PyPiEcosystem = "PyPI";

    public static byte[] Write(IReadOnlyList<(string Name, string Version)> queries, string? pageToken = null)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + queries.Count * 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("queries");
            foreach (var (name, version) in queries)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("package");
                writer.WriteString("name", name);
                writer.WriteString("ecosystem", PyPiEcosystem);
                writer.WriteEndObject();
                // No version: OSV returns every advisory of the package (used for unpinned requirements).
                if (version.Length > 0)
                    writer.WriteString("version", version);
                if (pageToken is not null)
                    writer.WriteString("page_token", pageToken);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
