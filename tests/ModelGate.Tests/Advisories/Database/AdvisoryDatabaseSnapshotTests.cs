using ModelGate.Advisories.Database;
using ModelGate.Formats.Pep508;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Advisories.Database;

/// <summary>
/// The real PyPA advisory snapshot at full size. The database treats documents as opaque text, so the YAML files
/// stand in for their JSON form here; what is checked is scale, indexing under each folder's package name, and
/// that nothing is lost or altered.
/// </summary>
public sealed class AdvisoryDatabaseSnapshotTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_whole_pypa_snapshot_imports_and_every_document_is_found_under_its_package()
    {
        var vulns = Path.Combine(SharedTestData.PypaAdvisoryDb, "vulns");
        var advisories = Directory.EnumerateFiles(vulns, "*.yaml", SearchOption.AllDirectories)
            .Select(file => new StoredAdvisory(
                Path.GetFileNameWithoutExtension(file),
                File.GetLastWriteTimeUtc(file),
                [Path.GetFileName(Path.GetDirectoryName(file)!)],
                File.ReadAllText(file)))
            .ToList();
        var path = Path.Combine(_tree.Root, "advisories.db");

        var status = AdvisoryDatabaseWriter.Import(path, "pypa snapshot", advisories, TimeProvider.System);

        using var db = AdvisoryDatabase.Open(path);
        Assert.True(advisories.Count > 2000);
        var distinctIds = advisories.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(distinctIds, status.AdvisoryCount);
        Assert.Equal(status, db.Status);
        foreach (var group in advisories.GroupBy(a => PackageName.Normalize(a.PackageNames[0])))
        {
            var found = db.GetAdvisoriesJson(group.Key);
            Assert.All(group, a => Assert.Contains(a.Json, found));
        }
        Assert.Equal(distinctIds, db.GetAllAdvisoriesJson().Count());
        db.CheckIntegrity();
    }
}
