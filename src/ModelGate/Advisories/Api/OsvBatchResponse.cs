using System.Text.Json;

namespace ModelGate.Advisories.Api;

/// <summary>One entry of a querybatch answer: the matched ids, and the token for the next page if there is one.</summary>
internal sealed record OsvBatchResult(IReadOnlyList<string> VulnIds, string? NextPageToken);

/// <summary>
/// Reads the answer of <c>POST /v1/querybatch</c>: <c>{"results":[{"vulns":[{"id":..,"modified":..}],
/// "next_page_token":..}]}</c>. The docs guarantee one result per query, in query order; a query without
/// matches may come back as <c>{}</c>. Only <c>id</c> and <c>next_page_token</c> are kept; unknown members are
/// skipped so that additions to the API do not break the client.
/// </summary>
internal static class OsvBatchResponse
{
    /// <summary>Longest advisory id accepted; real ids (GHSA-xxxx-xxxx-xxxx, PYSEC-2024-123) are under 40.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest page token accepted; OSV's are opaque strings of a few hundred characters.</summary>
    public const int MaxPageTokenLength = 8 * 1024;

    private const int MaxDepth = 16;

    /// <summary>Parses <paramref name="utf8"/>; any deviation throws <see cref="OsvApiException"/> naming <paramref name="source"/>.</summary>
    public static IReadOnlyList<OsvBatchResult> Read(ReadOnlySpan<byte> utf8, int expectedCount, string source)
    {
        List<OsvBatchResult>? results = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, "the answer", source);
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("results"u8))
                {
                    Next(ref reader);
                    results = ReadResults(ref reader, expectedCount, source);
                }
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
            if (reader.Read())
                throw Malformed(source, "data after the top-level object");
        }
        catch (JsonException e)
        {
            throw new OsvApiException($"{source} returned malformed JSON ({Describe(e)}).", e);
        }
        if (results is null)
            throw Malformed(source, "no \"results\" member");
        if (results.Count != expectedCount)
            throw Malformed(source, $"{results.Count} results for {expectedCount} queries");
        return results;
    }

    private static List<OsvBatchResult> ReadResults(ref Utf8JsonReader reader, int expectedCount, string source)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw Malformed(source, "\"results\" is not an array");
        var results = new List<OsvBatchResult>(Math.Min(expectedCount, 1024));
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (results.Count == expectedCount)
                throw Malformed(source, $"more results than the {expectedCount} queries sent");
            if (reader.TokenType != JsonTokenType.StartObject)
                throw Malformed(source, $"result {results.Count} is not an object");
            results.Add(ReadResult(ref reader, results.Count, source));
        }
        return results;
    }

    private static OsvBatchResult ReadResult(ref Utf8JsonReader reader, int index, string source)
    {
        var ids = new List<string>();
        string? token = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("vulns"u8))
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.Null)
                    continue;
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw Malformed(source, $"\"vulns\" of result {index} is not an array");
                while (Next(ref reader) != JsonTokenType.EndArray)
                    ids.Add(ReadVulnId(ref reader, index, source));
            }
            else if (reader.ValueTextEquals("next_page_token"u8))
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.Null)
                    continue;
                if (reader.TokenType != JsonTokenType.String)
                    throw Malformed(source, $"\"next_page_token\" of result {index} is not a string");
                var value = reader.GetString()!;
                if (value.Length > MaxPageTokenLength)
                    throw Malformed(source, $"\"next_page_token\" of result {index} is longer than {MaxPageTokenLength} characters");
                // An empty token means "no more pages", as in Google's API conventions (AIP-158).
                token = value.Length == 0 ? null : value;
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }
        return new OsvBatchResult(ids, token);
    }

    private static string ReadVulnId(ref Utf8JsonReader reader, int index, string source)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Malformed(source, $"an entry of \"vulns\" in result {index} is not an object");
        string? id = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.String)
                    throw Malformed(source, $"an \"id\" in result {index} is not a string");
                id = reader.GetString()!;
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }
        if (id is null)
            throw Malformed(source, $"an entry of \"vulns\" in result {index} has no \"id\"");
        if (!IsValidId(id))
            throw Malformed(source, $"result {index} lists an advisory id that is not an OSV id: {OsvHttp.Quote(id)}");
        return id;
    }

    /// <summary>
    /// OSV ids are a database prefix and an identifier (OSV schema, "id field"): GHSA-..., PYSEC-2021-1,
    /// RHSA-2021:1234. Anything outside letters, digits, '-', '_', '.', ':' is refused before it becomes part
    /// of a URL or a report.
    /// </summary>
    public static bool IsValidId(string id)
    {
        if (id.Length is 0 or > MaxIdLength || id[0] == '.')
            return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
                return false;
        }
        return true;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            throw new JsonException("the JSON ends early");
        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, string source)
    {
        if (Next(ref reader) != type)
            throw Malformed(source, $"{what} is not a JSON object");
    }

    private static OsvApiException Malformed(string source, string detail) =>
        new($"{source} returned JSON that is not a querybatch answer: {detail}.");

    internal static string Describe(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } column
            ? $"line {line + 1}, byte {column + 1}"
            : e.Message;
}
