using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ModelGate.Advisories;
using ModelGate.Formats;
using ModelGate.Tests.Support;
using Xunit.Abstractions;

namespace ModelGate.Tests.Advisories;

public sealed class OsvFileSourceTests(ITestOutputHelper output)
{
    private const string Json = """{"id":"GHSA-1","affected":[{"package":{"ecosystem":"PyPI","name":"demo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]}]}""";
    private const string Yaml = "id: PYSEC-1\naffected:\n- package:\n    ecosystem: PyPI\n    name: demo\n  versions:\n  - 0.5\n";

    [Fact]
    public void Folder_is_read_recursively_and_a_bad_file_becomes_a_warning_naming_it()
    {
        using var tree = new TempTree();
        tree.Write("GHSA-1.json", Json);
        tree.Write("vulns/demo/PYSEC-1.yaml", Yaml);
        tree.Write("vulns/demo/PYSEC-2.yml", "id: [unclosed\n");
        tree.Write("vulns/demo/README.md", "not an advisory");
        tree.WriteBytes("vulns/demo/PYSEC-3.yaml", [0xff, 0xfe, 0x00]);
        var loaded = OsvFileSource.Load(tree.Root);
        Assert.Equal(["GHSA-1", "PYSEC-1"], loaded.Advisories.Select(a => a.Id));
        Assert.Equal(2, loaded.Warnings.Count);
        Assert.Contains("PYSEC-2.yml: skipped: ", loaded.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("PYSEC-3.yaml: skipped: the file is not UTF-8 text", loaded.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_is_read_with_unsafe_member_names_skipped()
    {
        using var tree = new TempTree();
        var zip = Path.Combine(tree.Root, "all.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Add(archive, "GHSA-1.json", Json);
            Add(archive, "vulns/demo/PYSEC-1.yaml", Yaml);
            Add(archive, "../evil.json", Json);
            Add(archive, "/abs.json", Json);
            Add(archive, "a/../../b.json", Json);
            Add(archive, "notes.txt", "ignored");
        }
        var loaded = OsvFileSource.Load(zip);
        Assert.Equal(["GHSA-1", "PYSEC-1"], loaded.Advisories.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal(3, loaded.Warnings.Count);
        Assert.All(loaded.Warnings, w => Assert.Contains("absolute or climbs out", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Zip_bomb_member_is_skipped_by_its_compression_ratio()
    {
        using var tree = new TempTree();
        var zip = Path.Combine(tree.Root, "bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry("BOMB-1.json", CompressionLevel.SmallestSize);
            using (var stream = entry.Open())
            {
                stream.Write("{\"id\":\"BOMB-1\",\"details\":\""u8);
                var spaces = new byte[1024 * 1024];
                spaces.AsSpan().Fill((byte)'a');
                for (var i = 0; i < 8; i++)
                    stream.Write(spaces);
                stream.Write("\"}"u8);
            }
            Add(archive, "GHSA-1.json", Json);
        }
        var loaded = OsvFileSource.Load(zip);
        Assert.Equal(["GHSA-1"], loaded.Advisories.Select(a => a.Id));
        Assert.Contains("compression ratio", Assert.Single(loaded.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_member_past_the_size_limit_is_skipped_while_decompressing()
    {
        using var tree = new TempTree();
        var zip = Path.Combine(tree.Root, "big.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry("BIG-1.json", CompressionLevel.NoCompression);
            using var stream = entry.Open();
            var block = new byte[1024 * 1024];
            for (var i = 0; i <= ReaderLimits.MaxAdvisoryBytes / block.Length; i++)
                stream.Write(block);
        }
        var loaded = OsvFileSource.Load(zip);
        Assert.Empty(loaded.Advisories);
        Assert.Contains("limit", Assert.Single(loaded.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_path_and_corrupt_zip_are_source_errors()
    {
        using var tree = new TempTree();
        Assert.Throws<AdvisorySourceException>(() => OsvFileSource.Load(Path.Combine(tree.Root, "nope")));
        var bad = tree.Write("bad.zip", "this is not a zip");
        var ex = Assert.Throws<AdvisorySourceException>(() => OsvFileSource.Load(bad));
        Assert.Contains("bad.zip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pypa_snapshot_loads_whole_from_a_folder_and_from_a_zip_of_it()
    {
        var stopwatch = Stopwatch.StartNew();
        var folder = OsvFileSource.Load(SnapshotPaths.PypaAdvisoryDb);
        var elapsed = stopwatch.Elapsed;
        Assert.Empty(folder.Warnings);
        Assert.Equal(2661, folder.Advisories.Count);

        using var tree = new TempTree();
        var zip = Path.Combine(tree.Root, "pypa.zip");
        ZipFile.CreateFromDirectory(SnapshotPaths.PypaAdvisoryDb, zip);
        var zipped = OsvFileSource.Load(zip);
        Assert.Empty(zipped.Warnings);
        Assert.Equal(folder.Advisories.Select(a => a.Id).Order(StringComparer.Ordinal), zipped.Advisories.Select(a => a.Id).Order(StringComparer.Ordinal));

        var index = AdvisoryIndex.Build(folder.Advisories);
        Assert.Equal(2651, index.AdvisoryCount);
        output.WriteLine($"PyPA snapshot: {folder.Advisories.Count} advisories loaded in {elapsed.TotalMilliseconds:F0} ms; {index.PackageCount} packages indexed");
    }

    private static void Add(ZipArchive archive, string name, string content)
    {
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
