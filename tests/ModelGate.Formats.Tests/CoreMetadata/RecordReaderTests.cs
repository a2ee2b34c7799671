using ModelGate.Formats.CoreMetadata;

namespace ModelGate.Formats.Tests.CoreMetadata;

public sealed class RecordReaderTests
{
    [Fact]
    public void Reads_rows_quoted_paths_and_decodes_hashes_to_hex()
    {
        const string text = "pkg/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\r\n\"pkg/a,b \"\"c\"\".py\",,\npkg-1.0.dist-info/RECORD,,\n";
        var record = RecordReader.Read(text);

        Assert.Empty(record.Errors);
        Assert.Equal(
        [
            new RecordEntry("pkg/__init__.py", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0, 1),
            new RecordEntry("pkg/a,b \"c\".py", null, null, 2),
            new RecordEntry("pkg-1.0.dist-info/RECORD", null, null, 3),
        ], record.Entries);
    }

    [Theory]
    [InlineData("a.py,sha256=***,1", "hash")]
    [InlineData("a.py,sha256,1", "hash")]
    [InlineData("a.py,,x", "size")]
    [InlineData("a.py,,-1", "size")]
    [InlineData("a.py,,", null)]
    [InlineData("a.py", "3 fields")]
    [InlineData("a.py,,,", "3 fields")]
    [InlineData("\"a.py,,", "not closed")]
    [InlineData(",,", "empty path")]
    public void Bad_rows_are_errors_with_their_line(string row, string? problem)
    {
        var record = RecordReader.Read("ok.py,,\n" + row + "\nlast.py,,\n");

        if (problem is null)
        {
            Assert.Empty(record.Errors);
            return;
        }
        var error = Assert.Single(record.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(record.Entries, e => e.Path == "ok.py");
    }
}
