using ModelGate.Formats.CoreMetadata;

namespace ModelGate.Formats.Tests.CoreMetadata;

public sealed class DirectUrlReaderTests
{
    [Theory]
    [InlineData("""{"url": "file:///src/app", "dir_info": {"editable": true}}""", "file:///src/app", true)]
    [InlineData("""{"url": "file:///src/app", "dir_info": {}}""", "file:///src/app", false)]
    [InlineData("""{"url": "https://github.com/o/r.git", "vcs_info": {"vcs": "git", "commit_id": "abc123", "requested_revision": "v1"}, "subdirectory": "pkg"}""", "git+https://github.com/o/r.git@abc123#subdirectory=pkg", false)]
    public void Reads_the_reference(string json, string reference, bool editable)
    {
        var directUrl = DirectUrlReader.Read(json);
        Assert.Equal(reference, directUrl.Reference);
        Assert.Equal(editable, directUrl.Editable);
    }

    [Fact]
    public void Archive_hashes_and_legacy_hash_are_merged_without_duplicates()
    {
        var directUrl = DirectUrlReader.Read("""{"url": "https://x/a.whl", "archive_info": {"hash": "SHA256=AB12", "hashes": {"sha256": "ab12", "md5": "ff"}}}""");
        Assert.Equal(["sha256:ab12", "md5:ff"], directUrl.ArchiveHashes);
    }

    [Theory]
    [InlineData("{\"url\": ")]
    [InlineData("[]")]
    [InlineData("{\"dir_info\": {}}")]
    [InlineData("{\"url\": \"x\", \"vcs_info\": {}}")]
    public void Malformed_documents_throw(string json) =>
        Assert.Throws<MalformedDataException>(() => DirectUrlReader.Read(json));

    [Fact]
    public void Deep_nesting_throws()
    {
        var json = "{\"url\": \"x\", \"a\": " + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.Throws<MalformedDataException>(() => DirectUrlReader.Read(json));
    }
}
