using System.Text;
using ModelGate.Provenance.Hub;

namespace ModelGate.Tests.Provenance.Hub;

public sealed class HubModelInfoParserTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string Blob = "fedcba9876543210fedcba9876543210fedcba98";
    private const string Oid = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static readonly HubRepoId Requested = HubRepoId.Parse("google-bert/bert-base-uncased");

    private static HubModelInfo Parse(string json, int maxEmbedded = 1024 * 1024) =>
        HubModelInfoParser.Parse(Encoding.UTF8.GetBytes(json), Requested, "model info for test", maxEmbedded);

    private static string WithSiblings(string siblings) => $$"""{"sha":"{{Sha}}","siblings":[{{siblings}}]}""";

    [Fact]
    public void A_full_answer_gives_commit_files_and_card_metadata()
    {
        var info = Parse($$"""
            {"_id":"621ffdc036468d709f174338","id":"google-bert/bert-base-uncased","author":"google-bert","sha":"{{Sha.ToUpperInvariant()}}",
             "lastModified":"2024-02-19T11:06:12.000Z","private":false,"gated":"manual","disabled":false,
             "tags":["transformers","pytorch",7,"fill-mask"],"pipeline_tag":"fill-mask","library_name":"transformers",
             "cardData":{"language":"en","license":"apache-2.0","datasets":["bookcorpus","wikipedia"]},
             "config":{"architectures":["BertForMaskedLM"],"model_type":"bert"},
             "siblings":[
               {"rfilename":"model.safetensors","size":440449768,"blobId":"{{Blob}}","lfs":{"sha256":"{{Oid.ToUpperInvariant()}}","size":440449768,"pointerSize":135} },
               {"rfilename":"config.json","size":570,"blobId":"{{Blob.ToUpperInvariant()}}"},
               {"rfilename":"coreml/fill-mask/float32_model.mlpackage/Manifest.json","size":617,"blobId":"{{Blob}}","lfs":null}
             ]}
            """);
        Assert.Equal("google-bert/bert-base-uncased", info.Repo.ToString());
        Assert.Equal(Sha, info.Commit);
        Assert.Equal(["config.json", "coreml/fill-mask/float32_model.mlpackage/Manifest.json", "model.safetensors"], info.Files.Select(f => f.Path));
        Assert.Equal(new HubFile("model.safetensors", 440449768, Blob, Oid), info.Files[2]);
        Assert.Equal(new HubFile("config.json", 570, Blob, null), info.Files[0]);
        Assert.Equal("google-bert", info.Author);
        Assert.Equal("manual", info.Gated);
        Assert.False(info.Private);
        Assert.Equal(["transformers", "pytorch", "fill-mask"], info.Tags);
        Assert.Equal("fill-mask", info.PipelineTag);
        Assert.Equal("transformers", info.LibraryName);
        Assert.Equal(new DateTimeOffset(2024, 2, 19, 11, 6, 12, TimeSpan.Zero), info.LastModified);
        Assert.Contains("\"apache-2.0\"", info.CardDataJson, StringComparison.Ordinal);
        Assert.Contains("BertForMaskedLM", info.ConfigJson, StringComparison.Ordinal);
    }

    [Fact]
    public void A_minimal_answer_without_blob_metadata_lists_paths_only()
    {
        var info = Parse($$"""{"id":"gpt2","sha":"{{Sha}}","gated":false,"siblings":[{"rfilename":"b.bin"},{"rfilename":"a.txt"}]}""");
        Assert.Equal("gpt2", info.Repo.ToString());
        Assert.Equal([new HubFile("a.txt", null, null, null), new HubFile("b.bin", null, null, null)], info.Files);
        Assert.Null(info.Gated);
        Assert.Null(info.Author);
    }

    [Fact]
    public void Cosmetic_fields_of_the_wrong_type_are_ignored()
    {
        var info = Parse($$"""{"sha":"{{Sha}}","author":5,"tags":"x","pipeline_tag":[],"lastModified":"yesterday","cardData":"text","config":[1],"private":"yes","siblings":[]}""");
        Assert.Equal("google-bert", info.Author);
        Assert.Empty(info.Tags);
        Assert.Null(info.PipelineTag);
        Assert.Null(info.LastModified);
        Assert.Null(info.CardDataJson);
        Assert.Null(info.ConfigJson);
        Assert.False(info.Private);
    }

    [Fact]
    public void An_oversized_card_is_dropped_not_kept()
    {
        var info = Parse($$"""{"sha":"{{Sha}}","cardData":{"text":"{{new string('x', 2000)}}"},"siblings":[]}""", maxEmbedded: 1000);
        Assert.Null(info.CardDataJson);
    }

    [Theory]
    [InlineData("""{"siblings":[]}""", "\"sha\" must be 40 hex digits")]
    [InlineData("""{"sha":"main","siblings":[]}""", "\"sha\" must be 40 hex digits")]
    [InlineData("""{"sha":12,"siblings":[]}""", "\"sha\" must be 40 hex digits")]
    [InlineData("""{"sha":"0123456789abcdef0123456789abcdef0123456g","siblings":[]}""", "\"sha\" must be 40 hex digits")]
    [InlineData("""{"sha":"0123456789abcdef0123456789abcdef01234567"}""", "no file list")]
    [InlineData("""{"sha":"0123456789abcdef0123456789abcdef01234567","siblings":{}}""", "no file list")]
    [InlineData("""{"sha":"0123456789abcdef0123456789abcdef01234567","id":"../etc","siblings":[]}""", "invalid \"id\"")]
    [InlineData("""[1,2]""", "not an object")]
    [InlineData("""{"sha":"0123456789abcdef0123456789abcdef01234567","siblings":[{"rfil""", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public void A_malformed_answer_is_a_protocol_error(string json, string expected)
    {
        var error = Assert.Throws<HubException>(() => Parse(json));
        Assert.Equal(HubErrorKind.Protocol, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("model info for test", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"rfilename":"../../etc/passwd"}""", "unsafe file path '../../etc/passwd'")]
    [InlineData("""{"rfilename":"/etc/passwd"}""", "unsafe file path")]
    [InlineData("""{"rfilename":"a//b"}""", "unsafe file path")]
    [InlineData("""{"rfilename":"a/./b"}""", "unsafe file path")]
    [InlineData("""{"rfilename":"a/"}""", "unsafe file path")]
    [InlineData("""{"rfilename":"a\\b"}""", "unsafe file path")]
    [InlineData("""{"rfilename":"a\u0000b"}""", "unsafe file path")]
    [InlineData("""{"rfilename":"a\u001b[31mb"}""", "unsafe file path 'a?[31mb'")]
    [InlineData("""{"rfilename":""}""", "unsafe file path")]
    [InlineData("""{"rfilename":7}""", "without a \"rfilename\" string")]
    [InlineData("""{"size":1}""", "without a \"rfilename\" string")]
    [InlineData("""["a.txt"]""", "not an object")]
    [InlineData("""{"rfilename":"a","size":"12"}""", "invalid \"size\"")]
    [InlineData("""{"rfilename":"a","size":-1}""", "invalid \"size\"")]
    [InlineData("""{"rfilename":"a","size":1.5}""", "invalid \"size\"")]
    [InlineData("""{"rfilename":"a","size":1e30}""", "invalid \"size\"")]
    [InlineData("""{"rfilename":"a","blobId":"abc"}""", "invalid \"blobId\"")]
    [InlineData("""{"rfilename":"a","blobId":12}""", "invalid \"blobId\"")]
    [InlineData("""{"rfilename":"a","lfs":"yes"}""", "\"lfs\" that is a JSON string")]
    [InlineData("""{"rfilename":"a","lfs":{"size":3}}""", "invalid \"lfs.sha256\"")]
    [InlineData("""{"rfilename":"a","lfs":{"sha256":"abcd"}}""", "invalid \"lfs.sha256\"")]
    [InlineData("""{"rfilename":"a","size":3,"lfs":{"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":4}}""", "two sizes")]
    [InlineData("""{"rfilename":"a"},{"rfilename":"a"}""", "lists the file 'a' twice")]
    public void A_hostile_file_entry_is_a_protocol_error_naming_the_path(string siblings, string expected)
    {
        var error = Assert.Throws<HubException>(() => Parse(WithSiblings(siblings)));
        Assert.Equal(HubErrorKind.Protocol, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_costs_anything()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var error = Assert.Throws<HubException>(() => Parse($$"""{"sha":"{{Sha}}","cardData":{{deep}},"siblings":[]}"""));
        Assert.Equal(HubErrorKind.Protocol, error.Kind);
    }

    [Fact]
    public void Lfs_size_alone_gives_the_file_size()
    {
        var info = Parse(WithSiblings($$"""{"rfilename":"w.bin","lfs":{"sha256":"{{Oid}}","size":42} }"""));
        Assert.Equal(42, info.Files[0].Size);
        Assert.True(info.Files[0].IsLfs);
    }

    /// <summary>Found by the hub-model-info fuzz target: JsonDocument accepts these, JsonElement.GetString throws.</summary>
    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'D', (byte)'8', (byte)'0', (byte)'0' })]
    public void A_string_that_is_not_unicode_is_a_protocol_error(byte[] inside)
    {
        byte[] json = [.. """{"sha":"0123456789abcdef0123456789abcdef01234567","siblings":[],"tags":[" """u8.ToArray()[..^1], .. inside, .. "\"]}"u8];
        var error = Assert.Throws<HubException>(() => HubModelInfoParser.Parse(json, Requested, "model info", 1024));
        Assert.Equal(HubErrorKind.Protocol, error.Kind);
    }
}
