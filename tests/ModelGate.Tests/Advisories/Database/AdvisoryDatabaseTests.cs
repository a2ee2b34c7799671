using ModelGate.Advisories.Database;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Advisories.Database;

public sealed class AdvisoryDatabaseTests : IDisposable
{
    private const string RequestsJson =
        """{"id":"GHSA-9wx4-h78v-vm56","modified":"2024-06-10T18:50:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"requests"}}]}""";
    private const string UrllibJson =
        """{"id":"PYSEC-2023-192","modified":"2023-10-02T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"urllib3"}}]}""";
    private const string SharedJson =
        """{"id":"GHSA-aaaa-bbbb-cccc","modified":"2025-01-01T00:00:00Z","affected":[{"package":{"name":"requests"}},{"package":{"name":"urllib3"}},{"package":{"name":"pip"}}]}""";

    private static readonly DateTimeOffset ImportTime = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string DbPath => Path.Combine(_tree.Root, "cache", "advisories.db");

    private static StoredAdvisory Advisory(string id, string? modified, string json, params string[] packages) =>
        new(id, modified is null ? null : DateTimeOffset.Parse(modified, System.Globalization.CultureInfo.InvariantCulture), packages, json);

    private static StoredAdvisory[] Sample() =>
    [
        Advisory("GHSA-9wx4-h78v-vm56", "2024-06-10T18:50:00Z", RequestsJson, "requests"),
        Advisory("PYSEC-2023-192", "2023-10-02T00:00:00Z", UrllibJson, "urllib3"),
        Advisory("GHSA-aaaa-bbbb-cccc", "2025-01-01T00:00:00Z", SharedJson, "requests", "urllib3", "pip"),
    ];

    private DatabaseStatus Import(IEnumerable<StoredAdvisory> advisories, string source = "test snapshot") =>
        AdvisoryDatabaseWriter.Import(DbPath, source, advisories, new FixedTime(ImportTime));

    [Fact]
    public void Import_then_query_returns_each_packages_documents_in_id_order()
    {
        Import(Sample());

        using var db = AdvisoryDatabase.Open(DbPath);

        Assert.Equal([RequestsJson, SharedJson], db.GetAdvisoriesJson("requests"));
        Assert.Equal([SharedJson, UrllibJson], db.GetAdvisoriesJson("urllib3"));
        Assert.Equal([SharedJson], db.GetAdvisoriesJson("pip"));
        Assert.Empty(db.GetAdvisoriesJson("numpy"));
    }

    [Fact]
    public void An_advisory_affecting_three_packages_is_stored_once()
    {
        Import(Sample());

        using var db = AdvisoryDatabase.Open(DbPath);

        Assert.Equal([RequestsJson, SharedJson, UrllibJson], db.GetAllAdvisoriesJson());
        Assert.Equal(3, db.Status.AdvisoryCount);
        Assert.Equal(3, db.Status.PackageCount);
    }

    [Fact]
    public void Status_from_import_and_from_open_agree_and_name_the_source_and_time()
    {
        var written = Import(Sample(), "PyPA advisory-database @ 0123abc");

        using var db = AdvisoryDatabase.Open(DbPath);

        var expected = new DatabaseStatus(
            Path.GetFullPath(DbPath), "PyPA advisory-database @ 0123abc", ImportTime, 3, 3, 1, new FileInfo(DbPath).Length);
        Assert.Equal(expected, written);
        Assert.Equal(expected, db.Status);
        Assert.Equal(Path.GetFullPath(DbPath), db.Path);
    }

    [Fact]
    public void Import_creates_the_missing_cache_folder()
    {
        Assert.False(Directory.Exists(Path.GetDirectoryName(DbPath)));

        Import(Sample());

        Assert.True(File.Exists(DbPath));
    }

    [Fact]
    public void Package_names_are_normalized_on_import_and_repeats_in_one_advisory_count_once()
    {
        Import([Advisory("A-1", null, """{"id":"A-1"}""", "Django_REST.framework", "django-rest-framework", " ")]);

        using var db = AdvisoryDatabase.Open(DbPath);

        Assert.Equal(["""{"id":"A-1"}"""], db.GetAdvisoriesJson("django-rest-framework"));
        Assert.Equal(1, db.Status.PackageCount);
    }

    [Fact]
    public void An_advisory_without_packages_is_kept_but_indexed_under_none()
    {
        Import([Advisory("MAL-1", null, """{"id":"MAL-1"}""")]);

        using var db = AdvisoryDatabase.Open(DbPath);

        Assert.Equal(["""{"id":"MAL-1"}"""], db.GetAllAdvisoriesJson());
        Assert.Equal(0, db.Status.PackageCount);
    }

    [Theory]
    // first modified, second modified, expected winner
    [InlineData("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "second")]
    [InlineData("2024-02-01T00:00:00Z", "2024-01-01T00:00:00Z", "first")]
    [InlineData(null, "2024-01-01T00:00:00Z", "second")]
    [InlineData("2024-01-01T00:00:00Z", null, "first")]
    [InlineData("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "first")]
    [InlineData(null, null, "first")]
    [InlineData("2024-01-01T01:00:00+01:00", "2024-01-01T00:00:00.5Z", "second")]
    public void A_repeated_id_keeps_the_newest_modified_document(string? first, string? second, string winner)
    {
        Import(
        [
            Advisory("GHSA-dup", first, """{"v":"first"}""", "old-name"),
            Advisory("OTHER-1", null, """{"v":"other"}""", "other"),
            Advisory("GHSA-dup", second, """{"v":"second"}""", "new-name"),
        ]);

        using var db = AdvisoryDatabase.Open(DbPath);

        var json = $$"""{"v":"{{winner}}"}""";
        var (kept, dropped) = winner == "first" ? ("old-name", "new-name") : ("new-name", "old-name");
        Assert.Equal([json], db.GetAdvisoriesJson(kept));
        Assert.Empty(db.GetAdvisoriesJson(dropped));
        Assert.Equal(2, db.Status.AdvisoryCount);
        Assert.Equal(2, db.Status.PackageCount);
    }

    [Fact]
    public void All_advisories_are_paged_in_id_order_across_many_pages()
    {
        var advisories = Enumerable.Range(0, 1000)
            .Select(i => Advisory($"ID-{i:D4}", null, $$"""{"n":{{i}}}""", $"pkg-{i % 7}"))
            .Reverse()
            .ToList();
        Import(advisories);

        using var db = AdvisoryDatabase.Open(DbPath);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $$"""{"n":{{i}}}"""), db.GetAllAdvisoriesJson());
        Assert.Equal(143, db.GetAdvisoriesJson("pkg-0").Count);
    }

    [Fact]
    public void Non_ascii_and_large_documents_round_trip_exactly()
    {
        var big = "{\"details\":\"" + new string('x', 300_000) + " é ✓ 𝄞\"}";
        Import([Advisory("BIG-1", null, big, "big")]);

        using var db = AdvisoryDatabase.Open(DbPath);

        Assert.Equal([big], db.GetAdvisoriesJson("big"));
    }

    [Fact]
    public void Importing_an_empty_set_gives_an_empty_usable_database()
    {
        var status = Import([]);

        using var db = AdvisoryDatabase.Open(DbPath);

        Assert.Equal(0, status.AdvisoryCount);
        Assert.Empty(db.GetAllAdvisoriesJson());
        Assert.Empty(db.GetAdvisoriesJson("requests"));
    }

    [Fact]
    public void A_fresh_database_passes_the_integrity_check()
    {
        Import(Sample());
        using var db = AdvisoryDatabase.Open(DbPath);

        var error = Record.Exception(db.CheckIntegrity);

        Assert.Null(error);
    }

    [Fact]
    public void Queries_after_dispose_throw_object_disposed()
    {
        Import(Sample());
        var db = AdvisoryDatabase.Open(DbPath);
        db.Dispose();
        db.Dispose();

        Assert.Throws<ObjectDisposedException>(() => db.GetAdvisoriesJson("requests"));
        Assert.Throws<ObjectDisposedException>(() => db.GetAllAdvisoriesJson());
    }

    [Fact]
    public void Lookups_from_many_threads_on_one_instance_all_see_the_same_answers()
    {
        Import(Sample());
        using var db = AdvisoryDatabase.Open(DbPath);

        var results = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 400, i =>
        {
            var name = (i % 3) switch { 0 => "requests", 1 => "urllib3", _ => "pip" };
            results.Add(name + "=" + string.Join("|", db.GetAdvisoriesJson(name)));
        });

        Assert.Equal(3, results.Distinct().Count());
        Assert.Equal(400, results.Count);
    }

    [Theory]
    [InlineData("", """{"id":""}""")]
    [InlineData("  ", """{"id":"  "}""")]
    [InlineData("X-1", "")]
    public void An_advisory_without_id_or_json_is_rejected_and_leaves_no_file(string id, string json)
    {
        var error = Assert.Throws<ArgumentException>(() => Import([new StoredAdvisory(id, null, ["p"], json)]));

        Assert.Contains("advisory", error.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(DbPath)!));
    }
}
