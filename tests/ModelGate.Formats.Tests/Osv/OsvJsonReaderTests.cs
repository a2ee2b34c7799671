using System.Text;
using ModelGate.Formats.Osv;

namespace ModelGate.Formats.Tests.Osv;

public sealed class OsvJsonReaderTests
{
    private const string Full = """
        {
          "schema_version": "1.6.0",
          "id": "GHSA-aaaa-bbbb-cccc",
          "modified": "2024-01-02T03:04:05.123456Z",
          "published": "2023-12-31T00:00:00Z",
          "aliases": ["CVE-2023-0001", "PYSEC-2023-1"],
          "related": ["OSV-1"],
          "summary": "s",
          "details": "d",
          "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
          "affected": [{
            "package": {"ecosystem": "PyPI", "name": "Django", "purl": "pkg:pypi/django"},
            "ranges": [
              {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.2.1"}], "database_specific": {"x": 1}},
              {"type": "GIT", "repo": "https://github.com/django/django", "events": [{"introduced": "abc"}, {"limit": "def"}]}
            ],
            "versions": ["3.0", "3.2"],
            "ecosystem_specific": {"affects": [1, 2, {"deep": true}]},
            "database_specific": {"severity": "HIGH", "other": [1]}
          }],
          "references": [{"type": "WEB", "url": "https://example.com"}],
          "credits": [{"name": "someone"}],
          "database_specific": {"severity": "MODERATE"}
        }
        """;

    [Fact]
    public void Reads_every_modelled_field_and_ignores_unknown_ones()
    {
        var a = OsvJsonReader.Read(Encoding.UTF8.GetBytes(Full));
        Assert.Equal("GHSA-aaaa-bbbb-cccc", a.Id);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560), a.Modified);
        Assert.Equal(new DateTimeOffset(2023, 12, 31, 0, 0, 0, TimeSpan.Zero), a.Published);
        Assert.Null(a.Withdrawn);
        Assert.Equal(["CVE-2023-0001", "PYSEC-2023-1"], a.Aliases);
        Assert.Equal(["OSV-1"], a.Related);
        Assert.Equal("MODERATE", a.DatabaseSeverity);
        var affected = Assert.Single(a.Affected);
        Assert.Equal(new OsvPackage("PyPI", "Django", "pkg:pypi/django"), affected.Package);
        Assert.Equal("HIGH", affected.DatabaseSeverity);
        Assert.Equal(["3.0", "3.2"], affected.Versions);
        Assert.Equal([new OsvEvent(OsvEventKind.Introduced, "0"), new OsvEvent(OsvEventKind.Fixed, "3.2.1")], affected.Ranges[0].Events);
        Assert.Equal("https://github.com/django/django", affected.Ranges[1].Repo);
        Assert.Equal(OsvEventKind.Limit, affected.Ranges[1].Events[1].Kind);
        Assert.Equal(new OsvReference("WEB", "https://example.com"), Assert.Single(a.References));
        Assert.Equal("CVSS_V3", Assert.Single(a.Severity).Type);
    }

    [Theory]
    [InlineData("""{"id": 5}""", "id must be a string, not a number")]
    [InlineData("""{"modified": "2020-01-01T00:00:00Z"}""", "id is missing")]
    [InlineData("""{"id": ""}""", "id is empty")]
    [InlineData("""[1]""", "the document must be an object, not an array")]
    [InlineData("""{"id": "X", "aliases": "CVE-1"}""", "aliases must be an array, not a string")]
    [InlineData("""{"id": "X", "aliases": ["A", 2]}""", "aliases[1] must be a string, not a number")]
    [InlineData("""{"id": "X", "modified": "yesterday"}""", "modified 'yesterday' is not an RFC 3339 timestamp")]
    [InlineData("""{"id": "X", "affected": [{"package": {"name": "a"}}]}""", "affected[0].package.ecosystem is missing")]
    [InlineData("""{"id": "X", "affected": [{"ranges": [{"events": []}]}]}""", "affected[0].ranges[0].type is missing")]
    [InlineData("""{"id": "X", "affected": [{"ranges": [{"type": "ECOSYSTEM"}]}]}""", "affected[0].ranges[0].events is missing")]
    [InlineData("""{"id": "X", "affected": [{"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": 0}]}]}]}""", "affected[0].ranges[0].events[0].introduced must be a string, not a number")]
    [InlineData("""{"id": "X", "affected": [{"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0", "fixed": "1"}]}]}]}""", "affected[0].ranges[0].events[0] has more than one of introduced, fixed, last_affected, limit")]
    [InlineData("""{"id": "X", "affected": [{"ranges": [{"type": "ECOSYSTEM", "events": [{}]}]}]}""", "affected[0].ranges[0].events[0] has none of introduced, fixed, last_affected, limit")]
    [InlineData("""{"id": "X", "affected": [{"versions": [true]}]}""", "affected[0].versions[0] must be a string, not a boolean")]
    [InlineData("""{"id": "X", "references": [{"type": "WEB"}]}""", "references[0].url is missing")]
    [InlineData("""{"id": "X", "affected": [{"severity": [{"type": "CVSS_V3"}]}]}""", "affected[0].severity[0].score is missing")]
    public void Wrong_or_missing_fields_are_named_in_the_error(string json, string message)
    {
        var ex = Assert.Throws<MalformedDataException>(() => OsvJsonReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(message, ex.Reason);
        Assert.Equal("osv", ex.Format);
    }

    [Fact]
    public void Null_counts_as_absent_and_free_form_database_specific_is_tolerated()
    {
        var a = OsvJsonReader.Read("""{"id": "X", "summary": null, "aliases": null, "database_specific": {"severity": 3}}"""u8);
        Assert.Null(a.Summary);
        Assert.Empty(a.Aliases);
        Assert.Null(a.DatabaseSeverity);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"id\": \"X\",}")]
    [InlineData("")]
    public void Invalid_json_is_a_malformed_data_error(string json)
    {
        var ex = Assert.Throws<MalformedDataException>(() => OsvJsonReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith("invalid JSON", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_past_the_depth_limit_is_refused()
    {
        var deep = "{\"id\": \"X\", \"x\": " + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.Throws<MalformedDataException>(() => OsvJsonReader.Read(Encoding.UTF8.GetBytes(deep)));
    }

    [Fact]
    public void Oversized_advisory_is_refused_before_parsing()
    {
        var big = new byte[ReaderLimits.MaxAdvisoryBytes + 1];
        var ex = Assert.Throws<MalformedDataException>(() => OsvJsonReader.Read(big));
        Assert.Contains("limit", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_output_reads_back_equal_and_is_canonical()
    {
        var a = OsvJsonReader.Read(Encoding.UTF8.GetBytes(Full));
        var json = OsvJsonWriter.ToUtf8Bytes(a);
        var back = OsvJsonReader.Read(json);
        OsvAssert.Equal(a, back);
        Assert.Equal(json, OsvJsonWriter.ToUtf8Bytes(back));
        Assert.StartsWith("""{"id":"GHSA-aaaa-bbbb-cccc","modified":"2024-01-02T03:04:05.123456Z","published":"2023-12-31T00:00:00Z",""", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_round_trips_a_withdrawn_advisory_with_a_package_less_entry()
    {
        var a = new OsvAdvisory
        {
            Id = "OSV-2024-1",
            Withdrawn = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)),
            Affected = [new OsvAffected { Ranges = [new OsvRange("SEMVER", null, [new OsvEvent(OsvEventKind.Introduced, "1.0.0"), new OsvEvent(OsvEventKind.LastAffected, "1.2.0")])] }],
        };
        var back = OsvJsonReader.Read(OsvJsonWriter.ToUtf8Bytes(a));
        OsvAssert.Equal(a, back);
        Assert.Equal(TimeSpan.Zero, back.Withdrawn!.Value.Offset);
    }
}
