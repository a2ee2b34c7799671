using System.Text;
using System.Text.Json.Nodes;
using ModelGate.Signatures.Tuf;

namespace ModelGate.Tests.Signatures.Tuf;

public sealed class TufUpdaterTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Refresh_verifies_every_role_and_downloads_the_target_by_its_signed_hash(bool consistentSnapshot)
    {
        await using var client = new TufClientHarness();
        client.Repository.ConsistentSnapshot = consistentSnapshot;
        client.Repository.Versions["root"] = 2;
        client.Repository.PublishRoot();
        client.Repository.PublishMetadata();

        var trusted = await client.RefreshAsync();
        var target = await client.Updater().DownloadTargetAsync(trusted, "trusted_root.json", CancellationToken.None);

        Assert.Equal(2, trusted.Root.Version);
        Assert.Equal(consistentSnapshot, trusted.Root.ConsistentSnapshot);
        Assert.Equal(client.Repository.Targets["trusted_root.json"], target);
        Assert.Contains(client.Repository.TargetPath("trusted_root.json"), client.Repository.Server.Requests);
        foreach (var file in (string[])["root.json", "timestamp.json", "snapshot.json", "targets.json"])
            Assert.True(File.Exists(Path.Combine(client.TufFolder, file)), file);
        Assert.Empty(Directory.GetFiles(client.TufFolder, "*.tmp"));
    }

    [Fact]
    public async Task A_second_refresh_reuses_the_cached_snapshot_and_targets_when_the_timestamp_still_names_them()
    {
        await using var client = new TufClientHarness();
        await client.RefreshAsync();
        var before = client.Repository.Server.Requests.Count;

        var trusted = await client.RefreshAsync();

        var second = client.Repository.Server.Requests.Skip(before).ToList();
        Assert.Equal(["2.root.json", "timestamp.json"], second);
        Assert.Equal(1, trusted.Targets.Version);
    }

    [Fact]
    public async Task Root_rotation_1_to_3_with_new_root_and_timestamp_keys_is_followed()
    {
        await using var client = new TufClientHarness();
        var repository = client.Repository;
        for (var version = 2; version <= 3; version++)
        {
            var oldRootKeys = repository.RoleKeys["root"];
            repository.RoleKeys["root"] = [repository.NewKey(ed25519: version == 2), repository.NewKey(ed25519: false), oldRootKeys[0]];
            repository.RoleKeys["timestamp"] = [repository.NewKey(ed25519: true)];
            repository.Versions["root"] = version;
            repository.PublishRoot([.. oldRootKeys, .. repository.RoleKeys["root"]]);
        }
        repository.PublishMetadata();

        var trusted = await client.RefreshAsync();

        Assert.Equal(3, trusted.Root.Version);
        Assert.Contains(repository.RoleKeys["timestamp"][0].KeyId, trusted.Root.Roles["timestamp"].KeyIds);
        Assert.Contains("\"version\": 3", File.ReadAllText(Path.Combine(client.TufFolder, "root.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("old", "by the root keys of the trusted root version 1; the threshold is 2")]
    [InlineData("new", "by the root keys of itself; the threshold is 2")]
    public async Task A_new_root_needs_the_threshold_of_the_old_keys_and_of_the_new_keys(string missing, string expected)
    {
        await using var client = new TufClientHarness();
        var repository = client.Repository;
        var oldKeys = repository.RoleKeys["root"];
        var newKeys = new List<TufTestKey> { repository.NewKey(ed25519: false), repository.NewKey(ed25519: true) };
        repository.RoleKeys["root"] = newKeys;
        repository.Versions["root"] = 2;
        // One old key and both new ones, or both old keys and one new one.
        repository.PublishRoot(missing == "old" ? [oldKeys[0], .. newKeys] : [.. oldKeys, newKeys[0]]);

        var message = await client.RefreshFailureAsync();

        Assert.StartsWith("2.root.json: version 2 has 1 valid signature(s)", message, StringComparison.Ordinal);
        Assert.EndsWith(expected, message, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", File.ReadAllText(Path.Combine(client.TufFolder, "root.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_root_whose_version_is_not_N_plus_1_is_refused()
    {
        await using var client = new TufClientHarness();
        client.Repository.Versions["root"] = 3;
        var three = client.Repository.PublishRoot();
        client.Repository.Server.Put("2.root.json", three);

        Assert.Equal("2.root.json: version 3, expected 2 (root versions advance one at a time)", await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task An_expired_root_after_the_update_is_a_freeze_attack()
    {
        await using var client = new TufClientHarness();
        client.Repository.Versions["root"] = 2;
        client.Repository.Expires["root"] = TufTestRepository.Now.AddSeconds(-1);
        client.Repository.PublishRoot();

        Assert.Equal("2.root.json: version 2 expired at 2026-06-01T11:59:59Z (freeze attack, or a repository nobody maintains)",
            await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task An_expired_bootstrap_root_is_fine_when_the_chain_reaches_a_current_one()
    {
        await using var client = new TufClientHarness();
        client.Now = TufTestRepository.Now.AddDays(40);
        client.Repository.Versions["root"] = 2;
        foreach (var role in client.Repository.Expires.Keys.ToList())
            client.Repository.Expires[role] = TufTestRepository.Now.AddDays(60);
        client.Repository.PublishRoot();
        client.Repository.PublishMetadata();

        Assert.Equal(2, (await client.RefreshAsync()).Root.Version);
    }

    [Fact]
    public async Task Root_updates_stop_after_the_rotation_limit()
    {
        await using var client = new TufClientHarness();
        client.Limits = client.Limits with { MaxRootRotations = 2 };
        for (var version = 2; version <= 4; version++)
        {
            client.Repository.Versions["root"] = version;
            client.Repository.PublishRoot();
        }

        Assert.Equal(3, (await client.RefreshAsync()).Root.Version);
        Assert.DoesNotContain("4.root.json", client.Repository.Server.Requests);
    }

    [Theory]
    [InlineData("timestamp")]
    [InlineData("snapshot")]
    [InlineData("targets")]
    public async Task Expired_metadata_is_refused_and_named(string role)
    {
        await using var client = new TufClientHarness();
        client.Repository.Expires[role] = TufTestRepository.Now;
        client.Repository.PublishMetadata();

        var message = await client.RefreshFailureAsync();

        Assert.StartsWith($"{role}.json: version 1 expired at 2026-06-01T12:00:00Z", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timestamp_older_than_the_trusted_one_is_a_rollback()
    {
        await using var client = new TufClientHarness();
        client.Repository.Versions["timestamp"] = 5;
        client.Repository.PublishMetadata();
        await client.RefreshAsync();
        client.Repository.Versions["timestamp"] = 3;
        client.Repository.PublishMetadata();

        Assert.Equal("timestamp.json: version 3 is lower than the trusted version 5 (rollback)", await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task A_timestamp_naming_an_older_snapshot_is_a_rollback()
    {
        await using var client = new TufClientHarness();
        client.Repository.Versions["snapshot"] = 4;
        client.Repository.PublishMetadata();
        await client.RefreshAsync();
        client.Repository.Versions["timestamp"] = 2;
        client.Repository.Versions["snapshot"] = 3;
        client.Repository.PublishMetadata();

        Assert.Equal("timestamp.json: version 2 names snapshot.json version 3, lower than the trusted 4 (rollback)", await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task A_snapshot_listing_an_older_targets_version_is_a_rollback()
    {
        await using var client = new TufClientHarness();
        client.Repository.Versions["targets"] = 5;
        client.Repository.PublishMetadata();
        await client.RefreshAsync();
        client.Repository.Versions["timestamp"] = 2;
        client.Repository.Versions["snapshot"] = 2;
        client.Repository.Versions["targets"] = 4;
        client.Repository.PublishMetadata();

        Assert.Equal("snapshot.json: version 2 lists targets.json version 4, lower than version 5 in the trusted version 1 (rollback)",
            await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task A_snapshot_version_other_than_the_timestamp_names_is_refused()
    {
        await using var client = new TufClientHarness();
        client.Repository.Tweak = (role, signed) =>
        {
            if (role == "snapshot")
                signed["version"] = 7;
        };
        client.Repository.PublishMetadata();
        // Served where the timestamp points (version 1), carrying version 7.
        Assert.Equal("snapshot.json: version 7, but timestamp.json version 1 names version 1", await client.RefreshFailureAsync());
    }

    [Theory]
    [InlineData("snapshot", "1.snapshot.json", "snapshot.json (version 1 per timestamp.json version 1)")]
    [InlineData("targets", "1.targets.json", "targets.json (version 1 per snapshot.json version 1)")]
    public async Task Metadata_whose_hash_differs_from_what_the_role_above_signed_is_refused(string role, string path, string what)
    {
        await using var client = new TufClientHarness();
        var served = client.Repository.Server;
        var original = Encoding.UTF8.GetString(ServedBytes(client, path));
        // Same length, other bytes: only the hash can tell.
        served.Put(path, Encoding.UTF8.GetBytes(original.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)));

        var message = await client.RefreshFailureAsync();

        Assert.StartsWith($"{what}: sha256 is ", message, StringComparison.Ordinal);
        Assert.EndsWith("(hash mismatch)", message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(client.TufFolder, $"{role}.json")), $"{role}.json must not be cached");
    }

    [Fact]
    public async Task Metadata_longer_than_the_signed_length_is_cut_off_at_that_length()
    {
        await using var client = new TufClientHarness();
        var original = ServedBytes(client, "1.snapshot.json");
        client.Repository.Server.Put("1.snapshot.json", [.. original, .. "\n\n"u8]);

        var message = await client.RefreshFailureAsync();

        Assert.Contains($"sends more than the {original.Length} bytes allowed (size limit)", message, StringComparison.Ordinal);
        Assert.StartsWith("snapshot.json: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_shorter_than_the_signed_length_is_a_length_mismatch()
    {
        await using var client = new TufClientHarness();
        var original = ServedBytes(client, "1.targets.json");
        client.Repository.Server.Put("1.targets.json", original[..^1]);

        var message = await client.RefreshFailureAsync();

        Assert.Equal($"targets.json (version 1 per snapshot.json version 1): {original.Length - 1} bytes, but {original.Length} are expected (length mismatch)", message);
    }

    [Fact]
    public async Task A_target_whose_bytes_differ_from_targets_json_is_refused()
    {
        await using var client = new TufClientHarness();
        var trusted = await client.RefreshAsync();
        var path = client.Repository.TargetPath("trusted_root.json");
        client.Repository.Server.Put(path, "{\"a\":2}"u8.ToArray());

        var error = await Assert.ThrowsAsync<TufException>(() => client.Updater().DownloadTargetAsync(trusted, "trusted_root.json", CancellationToken.None));

        Assert.StartsWith("target trusted_root.json (targets.json version 1): sha256 is ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(hash mismatch)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_longer_than_targets_json_says_is_not_read_past_that_length()
    {
        await using var client = new TufClientHarness();
        var trusted = await client.RefreshAsync();
        client.Repository.Server.Put(client.Repository.TargetPath("trusted_root.json"), new byte[1_000_000]);

        var error = await Assert.ThrowsAsync<TufException>(() => client.Updater().DownloadTargetAsync(trusted, "trusted_root.json", CancellationToken.None));

        Assert.EndsWith("sends more than the 7 bytes allowed (size limit)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_not_in_the_top_level_targets_is_named()
    {
        await using var client = new TufClientHarness();
        var trusted = await client.RefreshAsync();

        var error = await Assert.ThrowsAsync<TufException>(() => client.Updater().DownloadTargetAsync(trusted, "signing_config.json", CancellationToken.None));

        Assert.Equal("targets.json: version 1 does not list signing_config.json", error.Message);
    }

    [Theory]
    [InlineData("../root.json")]
    [InlineData("a//b")]
    [InlineData("a\\..\\b")]
    public async Task A_target_name_that_leaves_the_targets_folder_is_refused(string name)
    {
        await using var client = new TufClientHarness();
        var trusted = await client.RefreshAsync();
        var listed = new Dictionary<string, TufTargetFile>(StringComparer.Ordinal) { [name] = new(1, new Dictionary<string, string> { ["sha256"] = new('0', 64) }) };
        var crafted = trusted with { Targets = new TufTargets { Metadata = trusted.Targets.Metadata, HasDelegations = false, Targets = listed } };

        var error = await Assert.ThrowsAsync<TufException>(() => client.Updater().DownloadTargetAsync(crafted, name, CancellationToken.None));

        Assert.EndsWith("not a relative path inside the repository's targets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fast_forward_recovery_new_timestamp_keys_discard_a_timestamp_from_far_in_the_future()
    {
        await using var client = new TufClientHarness();
        var repository = client.Repository;
        // The timestamp key was compromised and used to sign version 1000, which the client trusted.
        repository.Versions["timestamp"] = 1000;
        repository.PublishMetadata();
        await client.RefreshAsync();
        // The repository rotates the timestamp key and goes on from version 2.
        repository.RoleKeys["timestamp"] = [repository.NewKey(ed25519: false)];
        repository.Versions["root"] = 2;
        repository.PublishRoot();
        repository.Versions["timestamp"] = 2;
        repository.PublishMetadata();

        var trusted = await client.RefreshAsync();

        Assert.Equal(2, trusted.Timestamp.Version);
    }

    [Fact]
    public async Task Without_a_key_rotation_the_far_future_timestamp_keeps_blocking_older_ones()
    {
        await using var client = new TufClientHarness();
        client.Repository.Versions["timestamp"] = 1000;
        client.Repository.PublishMetadata();
        await client.RefreshAsync();
        client.Repository.Versions["root"] = 2;
        client.Repository.PublishRoot();
        client.Repository.Versions["timestamp"] = 2;
        client.Repository.PublishMetadata();

        Assert.Equal("timestamp.json: version 2 is lower than the trusted version 1000 (rollback)", await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task Timestamp_signed_by_a_key_that_is_not_the_timestamp_role_is_refused()
    {
        await using var client = new TufClientHarness();
        client.Repository.RoleKeys["timestamp"] = [client.Repository.NewKey(ed25519: false)];
        client.Repository.PublishMetadata();

        Assert.Equal("timestamp.json: version 1 has 0 valid signature(s) by the timestamp keys of root version 1; the threshold is 1", await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task One_key_listed_under_two_key_ids_counts_once_towards_a_threshold()
    {
        await using var client = new TufClientHarness();
        var repository = client.Repository;
        var key = repository.RoleKeys["timestamp"][0];
        repository.Thresholds["timestamp"] = 2;
        repository.Versions["root"] = 2;
        // The same public key again under an id of the attacker's choosing, with a signature under each id.
        repository.Tweak = (role, signed) =>
        {
            if (role == "root")
            {
                signed["keys"]!["alias"] = key.ToJson();
                signed["roles"]!["timestamp"]!["keyids"]!.AsArray().Add("alias");
            }
            if (role == "timestamp")
                repository.Tweak = null;
        };
        repository.PublishRoot();
        repository.PublishMetadata();
        var timestamp = JsonNode.Parse(repository.Server.Get("timestamp.json"))!;
        var first = timestamp["signatures"]![0]!;
        timestamp["signatures"]!.AsArray().Add(new JsonObject { ["keyid"] = "alias", ["sig"] = first["sig"]!.GetValue<string>() });
        repository.Server.Put("timestamp.json", TufTestRepository.Serialize(timestamp));

        Assert.Equal("timestamp.json: version 1 has 1 valid signature(s) by the timestamp keys of root version 2; the threshold is 2", await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task A_signed_length_above_the_limit_is_refused_before_downloading()
    {
        await using var client = new TufClientHarness();
        client.Limits = client.Limits with { MaxSnapshotLength = 100 };

        var message = await client.RefreshFailureAsync();

        Assert.StartsWith("snapshot.json: timestamp.json gives its length as ", message, StringComparison.Ordinal);
        Assert.EndsWith("bytes, more than the 100 allowed (size limit)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("1.snapshot.json", client.Repository.Server.Requests);
    }

    [Fact]
    public async Task A_server_streaming_without_end_is_cut_off_at_the_size_limit()
    {
        await using var client = new TufClientHarness();
        client.Repository.Server.Endless("timestamp.json");

        Assert.EndsWith("timestamp.json sends more than the 16384 bytes allowed (size limit)", await client.RefreshFailureAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_sends_the_body_times_out()
    {
        await using var client = new TufClientHarness();
        client.Limits = client.Limits with { FetchTimeout = TimeSpan.FromMilliseconds(300) };
        client.Repository.Server.Hang("timestamp.json");

        var message = await client.RefreshFailureAsync();

        Assert.StartsWith("timestamp.json: no complete answer from http://127.0.0.1:", message, StringComparison.Ordinal);
        Assert.EndsWith("within 0.3 s (timeout)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_timestamp_is_an_error_not_an_empty_repository()
    {
        await using var client = new TufClientHarness();
        client.Repository.Server.Remove("timestamp.json");

        Assert.EndsWith("timestamp.json does not exist on the repository", await client.RefreshFailureAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"signed\":", "timestamp.json: not valid JSON (line 1, byte ")]
    [InlineData("[]", "timestamp.json: the document must be a JSON object with \"signed\" and \"signatures\"")]
    [InlineData("{\"signed\":{},\"signed\":{},\"signatures\":[]}", "timestamp.json: not valid JSON")]
    [InlineData("{\"signed\":{\"_type\":\"snapshot\"},\"signatures\":[]}", "timestamp.json: signed._type is \"snapshot\", expected \"timestamp\"")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"2.0.0\"},\"signatures\":[]}", "timestamp.json: signed.spec_version \"2.0.0\" is not a TUF 1.x specification version")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":\"3\"},\"signatures\":[]}", "timestamp.json: signed.version must be an integer, not a string")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":0},\"signatures\":[]}", "timestamp.json: signed.version is 0; it must be at least 1")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1.5},\"signatures\":[]}", "timestamp.json: signed.version is 1.5, not an integer within 64 bits")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"tomorrow\"},\"signatures\":[]}", "timestamp.json: signed.expires is \"tomorrow\", not a time of the form YYYY-MM-DDTHH:MM:SSZ")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{}},\"signatures\":[]}", "timestamp.json: signed.meta must list exactly snapshot.json")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1}}},\"signatures\":{}}", "timestamp.json: $.signatures must be an array, not an object")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1}}},\"signatures\":[{\"keyid\":\"a\",\"sig\":\"00\"},{\"keyid\":\"a\",\"sig\":\"01\"}]}", "timestamp.json: key id a signs twice (signatures)")]
    [InlineData("{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1,\"hashes\":{}}}},\"signatures\":[]}", "timestamp.json: signed.meta.snapshot.json.hashes is empty")]
    public async Task Malformed_timestamp_metadata_is_refused_with_the_place(string json, string expected)
    {
        await using var client = new TufClientHarness();
        client.Repository.Server.Put("timestamp.json", Encoding.UTF8.GetBytes(json));

        Assert.StartsWith(expected, await client.RefreshFailureAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_root_with_a_threshold_below_one_is_refused(long threshold)
    {
        await using var client = new TufClientHarness();
        client.Repository.Thresholds["timestamp"] = threshold;
        client.Repository.Versions["root"] = 2;
        client.Repository.PublishRoot();

        Assert.Equal($"2.root.json: signed.roles.timestamp.threshold is {threshold}; it must be at least 1", await client.RefreshFailureAsync());
    }

    [Fact]
    public async Task Deeply_nested_metadata_is_refused_without_recursion_trouble()
    {
        await using var client = new TufClientHarness();
        client.Repository.Server.Put("timestamp.json", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)));

        Assert.StartsWith("timestamp.json: not valid JSON", await client.RefreshFailureAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cached_root_that_no_longer_verifies_is_an_error_not_a_fresh_start()
    {
        await using var client = new TufClientHarness();
        await client.RefreshAsync();
        var cached = Path.Combine(client.TufFolder, "root.json");
        File.WriteAllText(cached, File.ReadAllText(cached).Replace("\"version\": 1", "\"version\": 9", StringComparison.Ordinal));

        var message = await client.RefreshFailureAsync();

        Assert.Equal($"{cached}: version 9 has 0 valid signature(s) by the root keys of itself; the threshold is 2", message);
    }

    [Fact]
    public async Task Offline_load_verifies_the_cache_and_fails_on_a_changed_file()
    {
        await using var client = new TufClientHarness();
        await client.RefreshAsync();

        Assert.Equal(1, client.Updater().LoadCached().Targets.Version);

        var targets = Path.Combine(client.TufFolder, "targets.json");
        File.AppendAllText(targets, " ");
        var error = Assert.Throws<TufException>(() => client.Updater().LoadCached());
        Assert.EndsWith("are expected (length mismatch)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_members_are_signed_too_and_do_not_disturb_verification()
    {
        await using var client = new TufClientHarness();
        client.Repository.Tweak = (_, signed) => signed["x-custom"] = new JsonObject { ["z"] = "\u00e9\"\\\n", ["a"] = new JsonArray(1, true, null) };
        client.Repository.Versions["root"] = 2;
        client.Repository.PublishRoot();
        client.Repository.PublishMetadata();

        Assert.Equal(2, (await client.RefreshAsync()).Root.Version);
    }

    private static byte[] ServedBytes(TufClientHarness client, string path) => client.Repository.Server.Get(path);
}
