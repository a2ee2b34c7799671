using ModelGate.Advisories.Database;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Advisories.Database;

public sealed class AdvisoryDatabaseReplaceTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string DbPath => Path.Combine(_tree.Root, "advisories.db");

    private static IEnumerable<StoredAdvisory> Generation(int generation, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new StoredAdvisory(
                $"GEN-{i:D5}",
                null,
                [$"pkg-{i % 50}"],
                $$"""{"id":"GEN-{{i:D5}}","generation":{{generation}}}""");
        }
    }

    private static IEnumerable<StoredAdvisory> ThrowAfter(int count)
    {
        foreach (var advisory in Generation(2, count))
            yield return advisory;
        throw new InvalidDataException("advisory source broke off");
    }

    private DatabaseStatus Import(IEnumerable<StoredAdvisory> advisories, string source) =>
        AdvisoryDatabaseWriter.Import(DbPath, source, advisories, TimeProvider.System);

    [Fact]
    public void An_import_that_fails_half_way_leaves_the_old_database_and_no_temporary_file()
    {
        Import(Generation(1, 20), "first");
        var before = File.ReadAllBytes(DbPath);

        var error = Assert.Throws<InvalidDataException>(() => Import(ThrowAfter(10), "second"));

        Assert.Equal("advisory source broke off", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
        Assert.Equal([DbPath], Directory.GetFiles(_tree.Root));
        using var db = AdvisoryDatabase.Open(DbPath);
        Assert.Equal("first", db.Status.Source);
        Assert.All(db.GetAllAdvisoriesJson(), json => Assert.Contains("\"generation\":1", json));
    }

    [Fact]
    public void A_failed_first_import_leaves_nothing_behind()
    {
        Assert.Throws<InvalidDataException>(() => Import(ThrowAfter(10), "first"));

        Assert.Empty(Directory.GetFiles(_tree.Root));
    }

    [Fact]
    public void Temporary_files_left_by_a_killed_update_are_removed_once_stale_and_young_ones_are_left()
    {
        var stale = DbPath + ".tmp-0123456789abcdef";
        var young = DbPath + ".tmp-fedcba9876543210";
        var unrelated = DbPath + ".backup";
        foreach (var file in new[] { stale, young, unrelated })
            File.WriteAllText(file, "partial");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(2));

        Import(Generation(1, 3), "first");

        Assert.Equal([DbPath, unrelated, young], Directory.GetFiles(_tree.Root).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_successful_import_replaces_the_file_and_leaves_no_temporary_file()
    {
        Import(Generation(1, 20), "first");
        Import(Generation(2, 5), "second");

        Assert.Equal([DbPath], Directory.GetFiles(_tree.Root));
        using var db = AdvisoryDatabase.Open(DbPath);
        Assert.Equal("second", db.Status.Source);
        Assert.Equal(5, db.Status.AdvisoryCount);
    }

    [Fact]
    public void A_target_that_cannot_be_replaced_fails_with_an_io_error_and_leaves_no_temporary_file()
    {
        Directory.CreateDirectory(DbPath);

        var error = Record.Exception(() => Import(Generation(1, 3), "first"));

        Assert.IsAssignableFrom<IOException>(error);
        Assert.Equal([DbPath], Directory.GetFileSystemEntries(_tree.Root));
    }

    [Fact]
    public async Task Readers_that_opened_the_old_file_keep_reading_it_while_imports_replace_it()
    {
        Import(Generation(1, 400), "generation 1");
        using var old = AdvisoryDatabase.Open(DbPath);
        var expected = old.GetAdvisoriesJson("pkg-7");
        Assert.Equal(8, expected.Count);

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            // Bounded: at least 50 reads, then until the imports finish, never more than 2,000.
            var reads = 0;
            while ((reads < 50 || !stop.IsCancellationRequested) && reads < 2_000)
            {
                Assert.Equal(expected, old.GetAdvisoriesJson("pkg-7"));
                if (reads % 10 == 0)
                    Assert.Equal(400, old.GetAllAdvisoriesJson().Count());
                reads++;
            }
            return reads;
        })).ToArray();

        // Fresh readers opened between replacements see a whole database of some generation, never a torn one.
        var freshGenerations = new List<long>();
        for (var generation = 2; generation <= 6; generation++)
        {
            Import(Generation(generation, 300 + generation), $"generation {generation}");
            using var fresh = AdvisoryDatabase.Open(DbPath);
            freshGenerations.Add(fresh.Status.AdvisoryCount);
            Assert.Equal(fresh.Status.AdvisoryCount, fresh.GetAllAdvisoriesJson().Count());
        }
        stop.Cancel();

        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads >= 50));
        Assert.Equal([302L, 303, 304, 305, 306], freshGenerations);
        Assert.Equal("generation 1", old.Status.Source);
        Assert.Equal(expected, old.GetAdvisoriesJson("pkg-7"));
        Assert.Equal([DbPath], Directory.GetFiles(_tree.Root));
    }
}
