using System.Text;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Provenance.Locks;

public sealed class ModelLockFileTests
{
    private const string Sha = "68d45e234eb4a928074dfd868cead0219ab85354cc53d20e772753c6bb9169d3";
    private const string Blob = "45a2321a7ecfdaaf60a6c1fd7f5463994cc8907d";
    private const string Commit = "86b5e0934494bd15c9632b12f734a8a67f723594";

    [Fact]
    public void Serialized_lock_matches_the_golden_text()
    {
        var text = Encoding.UTF8.GetString(ModelLockFile.Serialize(LockSamples.TwoModels()));
        Golden.AssertMatches(text, "two-models.lock.json");
    }

    [Fact]
    public void Serializing_twice_and_after_a_round_trip_gives_identical_bytes()
    {
        var first = ModelLockFile.Serialize(LockSamples.TwoModels());
        var second = ModelLockFile.Serialize(LockSamples.TwoModels());
        var reparsed = ModelLockFile.Serialize(ModelLockFile.Parse(first, "lock"));
        Assert.Equal(first, second);
        Assert.Equal(first, reparsed);
    }

    [Fact]
    public void Round_trip_keeps_every_field()
    {
        var parsed = ModelLockFile.Parse(ModelLockFile.Serialize(LockSamples.TwoModels()), "lock");
        Assert.Equal(["google-bert/bert-base-uncased", "gpt2"], parsed.Models.Select(m => m.Repo.ToString()));
        var bert = parsed.Find(LockSamples.Bert)!;
        Assert.Equal("main", bert.Revision);
        Assert.Equal(LockSamples.BertCommit, bert.Commit);
        Assert.Equal(["*.json", "*.safetensors"], bert.Include);
        Assert.False(bert.HashedLocally);
        Assert.Equal(LockSamples.BertModel().Files, bert.Files);
        var gpt2 = parsed.Find(HubRepoId.Parse("gpt2"))!;
        Assert.Null(gpt2.Revision);
        Assert.Empty(gpt2.Include);
        Assert.True(gpt2.HashedLocally);
        Assert.Equal("tokenizer/vocab.json", Assert.Single(gpt2.Files).Path);
    }

    [Fact]
    public void With_replaces_the_same_repository_and_adds_others_in_order()
    {
        var replaced = LockSamples.BertModel() with { Commit = LockSamples.OtherCommit };
        var lockFile = ModelLock.Empty.With(LockSamples.BertModel()).With(LockSamples.Gpt2Model()).With(replaced);
        Assert.Equal(["google-bert/bert-base-uncased", "gpt2"], lockFile.Models.Select(m => m.Repo.ToString()));
        Assert.Equal(LockSamples.OtherCommit, lockFile.Find(LockSamples.Bert)!.Commit);
        Assert.Null(lockFile.Find(HubRepoId.Parse("openai/whisper")));
    }

    [Fact]
    public void Write_then_read_from_disk_round_trips_and_leaves_no_temporary_file()
    {
        using var tree = new TempTree();
        var path = Path.Combine(tree.Root, "modelgate.lock.json");
        File.WriteAllText(path, "old content");
        ModelLockFile.Write(LockSamples.TwoModels(), path);
        Assert.Equal(ModelLockFile.Serialize(LockSamples.TwoModels()), File.ReadAllBytes(path));
        Assert.Equal(2, ModelLockFile.Read(path).Models.Count);
        Assert.Equal(["modelgate.lock.json"], Directory.GetFiles(tree.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_a_byte_order_mark_is_accepted()
    {
        var json = $$"""
            {"lockVersion": 1, "generator": {"name": "future"}, "models": [
              {"repo": "gpt2", "commit": "{{Commit.ToUpperInvariant()}}", "signature": [1, 2], "files": [
                {"path": "a.bin", "size": 3, "sha256": "{{Sha}}", "mode": "0644"}]}]}
            """;
        var parsed = ModelLockFile.Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)], "lock");
        var model = Assert.Single(parsed.Models);
        Assert.Equal(Commit, model.Commit);
        Assert.False(model.HashedLocally);
        Assert.Equal(new LockedFile("a.bin", 3, Sha, null, false), Assert.Single(model.Files));
    }

    [Theory]
    [InlineData("", "invalid JSON at line 1")]
    [InlineData("[]", "$: expected an object, found an array")]
    [InlineData("{\"models\": []}", "lockVersion: the lockVersion field is missing")]
    [InlineData("{\"lockVersion\": 2, \"models\": []}", "lockVersion: the lock is format version 2, newer than version 1 this ModelGate reads; upgrade ModelGate")]
    [InlineData("{\"lockVersion\": 0, \"models\": []}", "lockVersion: unknown lock format version 0")]
    [InlineData("{\"lockVersion\": \"1\", \"models\": []}", "lockVersion: expected an integer, found a string")]
    [InlineData("{\"lockVersion\": 1.5, \"models\": []}", "lockVersion: expected an integer, found the number 1.5")]
    [InlineData("{\"lockVersion\": 1}", "models: the field is missing")]
    [InlineData("{\"lockVersion\": 1, \"models\": {}}", "models: expected an array, found an object")]
    [InlineData("{\"lockVersion\": 1, \"lockVersion\": 1, \"models\": []}", "invalid JSON: Duplicate property 'lockVersion'")]
    [InlineData("{\"lockVersion\": 1, \"models\": [], }", "invalid JSON at line 1")]
    [InlineData("{\"lockVersion\": 1, \"models\": [] /* c */}", "invalid JSON at line 1")]
    [InlineData("{\"lockVersion\": 1,\n \"models\": [\n nope]}", "invalid JSON at line 3, byte ")]
    [InlineData("{\"lockVersion\": 1, \"models\": [7]}", "models[0]: expected an object, found the number 7")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"commit\": \"C\", \"files\": []}]}", "models[0].repo: the field is missing")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"a/b/c\", \"commit\": \"C\", \"files\": []}]}", "models[0].repo: 'a/b/c' is not a Hub repository id")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": 5, \"commit\": \"C\", \"files\": []}]}", "models[0].repo: expected a string, found the number 5")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"abc\", \"files\": []}]}", "models[0].commit: expected a 40-hex commit id, found 'abc' (3 characters)")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"revision\": \"\", \"files\": []}]}", "models[0].revision: expected a revision of 1-256 printable characters")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"include\": \"*.json\", \"files\": []}]}", "models[0].include: expected an array of patterns, found a string")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"include\": [\"\"], \"files\": []}]}", "models[0].include[0]: expected a pattern")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"hashedLocally\": \"yes\", \"files\": []}]}", "models[0].hashedLocally: expected true or false, found a string")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\"}]}", "models[0].files: the field is missing")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1, \"sha256\": \"S\"}]}, {\"repo\": \"o/n\", \"commit\": \"C\", \"files\": []}]}", "models[1].repo: the repository o/n is locked twice")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"size\": 1, \"sha256\": \"S\"}]}]}", "models[0].files[0].path: the field is missing")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"/etc/passwd\", \"size\": 1, \"sha256\": \"S\"}]}]}", "models[0].files[0].path: unsafe path '/etc/passwd': the path is absolute")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a/../../x\", \"size\": 1, \"sha256\": \"S\"}]}]}", "models[0].files[0].path: unsafe path 'a/../../x': the path has a '..' segment")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\\\\b\", \"size\": 1, \"sha256\": \"S\"}]}]}", "models[0].files[0].path: unsafe path 'a\\b': the path contains a backslash")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\\u0000b\", \"size\": 1, \"sha256\": \"S\"}]}]}", "models[0].files[0].path: unsafe path 'a\\u0000b': the path contains a NUL character")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"C:x\", \"size\": 1, \"sha256\": \"S\"}]}]}", "models[0].files[0].path: unsafe path 'C:x': the path starts with a drive letter")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a//b\", \"size\": 1, \"sha256\": \"S\"}]}]}", "models[0].files[0].path: unsafe path 'a//b': the path has an empty segment")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": -1, \"sha256\": \"S\"}]}]}", "models[0].files[0].size: expected a non-negative integer, found -1")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1e30, \"sha256\": \"S\"}]}]}", "models[0].files[0].size: expected a non-negative integer, found 1e30")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": \"1\", \"sha256\": \"S\"}]}]}", "models[0].files[0].size: expected a non-negative integer, found a string")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1, \"sha256\": \"abc\"}]}]}", "models[0].files[0].sha256: expected 64 hex digits (a SHA-256), found 'abc' (3 characters)")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1, \"sha256\": \"S1\"}]}]}", "models[0].files[0].sha256: expected 64 hex digits (a SHA-256), found '")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1, \"gitBlobId\": \"S\"}]}]}", "models[0].files[0].gitBlobId: expected 40 hex digits (a git blob id)")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1, \"gitBlobId\": 7}]}]}", "models[0].files[0].gitBlobId: expected a string, found the number 7")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1, \"lfs\": 1, \"sha256\": \"S\"}]}]}", "models[0].files[0].lfs: expected true or false, found the number 1")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1}]}]}", "models[0].files[0]: the file 'a' has no usable hash")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1, \"lfs\": true, \"gitBlobId\": \"B\"}]}]}", "models[0].files[0].sha256: missing for LFS file 'a'")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"hashedLocally\": true, \"files\": [{\"path\": \"a\", \"size\": 1, \"gitBlobId\": \"B\"}]}]}", "models[0].files[0].sha256: missing, but the model is marked hashedLocally")]
    [InlineData("{\"lockVersion\": 1, \"models\": [{\"repo\": \"o/n\", \"commit\": \"C\", \"files\": [{\"path\": \"a\", \"size\": 1, \"sha256\": \"S\"}, {\"path\": \"a\", \"size\": 2, \"sha256\": \"S\"}]}]}", "models[0].files: the path 'a' is listed twice")]
    public void Hostile_lock_is_refused_with_location_and_reason(string json, string expected)
    {
        json = json.Replace("\"C\"", $"\"{Commit}\"", StringComparison.Ordinal)
            .Replace("\"S\"", $"\"{Sha}\"", StringComparison.Ordinal)
            .Replace("\"B\"", $"\"{Blob}\"", StringComparison.Ordinal);
        var error = Assert.Throws<LockFileException>(() => ModelLockFile.Parse(Encoding.UTF8.GetBytes(json), "team/modelgate.lock.json"));
        Assert.StartsWith("team/modelgate.lock.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_in_an_unknown_field_is_refused()
    {
        var json = "{\"lockVersion\": 1, \"models\": [], \"x\": " + new string('[', 100) + new string(']', 100) + "}";
        var error = Assert.Throws<LockFileException>(() => ModelLockFile.Parse(Encoding.UTF8.GetBytes(json), "lock"));
        Assert.Contains("invalid JSON at line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_refused()
    {
        byte[] json = [.. "{\"lockVersion\": 1, \"models\": [{\"repo\": \""u8, 0xC3, 0x28, .. "\"}]}"u8];
        var error = Assert.Throws<LockFileException>(() => ModelLockFile.Parse(json, "lock"));
        Assert.StartsWith("lock: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_models_are_refused_before_they_are_read()
    {
        var json = new StringBuilder("{\"lockVersion\": 1, \"models\": [");
        json.Append(string.Join(',', Enumerable.Repeat("0", LockLimits.MaxModels + 1)));
        json.Append("]}");
        var error = Assert.Throws<LockFileException>(() => ModelLockFile.Parse(Encoding.UTF8.GetBytes(json.ToString()), "lock"));
        Assert.Contains("models: 10001 models, more than the 10000 a lock may hold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncation_at_every_offset_is_refused()
    {
        var bytes = ModelLockFile.Serialize(LockSamples.TwoModels());
        var end = Array.LastIndexOf(bytes, (byte)'}');
        for (var length = 0; length <= end; length++)
        {
            var error = Assert.Throws<LockFileException>(() => ModelLockFile.Parse(bytes.AsSpan(0, length), "lock"));
            Assert.StartsWith("lock: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Missing_and_oversized_lock_files_are_refused_by_name()
    {
        using var tree = new TempTree();
        var missing = Path.Combine(tree.Root, "nope.lock.json");
        Assert.Equal($"{missing}: the lock file does not exist", Assert.Throws<LockFileException>(() => ModelLockFile.Read(missing)).Message);
        var huge = Path.Combine(tree.Root, "huge.lock.json");
        using (var stream = File.Create(huge))
            stream.SetLength(LockLimits.MaxFileBytes + 1);
        var error = Assert.Throws<LockFileException>(() => ModelLockFile.Read(huge));
        Assert.Contains("more than the 64 MiB a lock may hold", error.Message, StringComparison.Ordinal);
    }
}
