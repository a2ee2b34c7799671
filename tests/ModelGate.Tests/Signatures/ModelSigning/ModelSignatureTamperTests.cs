using System.Text;
using System.Text.Json.Nodes;
using ModelGate.Signatures.ModelSigning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.ModelSigning;

public sealed class ModelSignatureTamperTests
{
    [Fact]
    public async Task A_changed_file_is_named_with_both_digests()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        await ModelSigningKit.SignAsync(model, key, tree);
        tree.Write("model/tokenizer/deep/vocab.txt", "[PAD]\n[EVIL]\n");

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.False(check.Passed);
        var difference = Assert.Single(check.Differences);
        Assert.Equal(new ManifestDifference("tokenizer/deep/vocab.txt", DifferenceKind.Changed, $"sha256:{ModelSigningKit.Sha256("[PAD]\n[UNK]\n")}", $"sha256:{ModelSigningKit.Sha256("[PAD]\n[EVIL]\n")}"), difference);
        var finding = Assert.Single(ModelSigningFindings.FromCheck(check, "model", "model/model.sig"), f => f.Rule.Id == "MG3012");
        Assert.Equal("model/tokenizer/deep/vocab.txt", finding.Location?.Path);
        Assert.Equal(ModelGate.Findings.Severity.Critical, finding.Severity);
    }

    [Fact]
    public async Task A_missing_and_an_extra_file_are_each_reported()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-384");
        var model = ModelSigningKit.WriteModel(tree);
        await ModelSigningKit.SignAsync(model, key, tree);
        File.Delete(Path.Combine(model, "config.json"));
        tree.Write("model/weights/extra.pkl", "planted");

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.Equal(
            [("config.json", DifferenceKind.Missing), ("weights/extra.pkl", DifferenceKind.Extra)],
            check.Differences.Select(d => (d.Path, d.Kind)));
        var rules = ModelSigningFindings.FromCheck(check, "model", "model/model.sig").Select(f => f.Rule.Id).Order(StringComparer.Ordinal);
        Assert.Equal(["MG3013", "MG3014"], rules);
    }

    [Fact]
    public async Task Files_under_ignored_paths_may_change_or_appear()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        await ModelSigningKit.SignAsync(model, key, tree, ["notes"]);
        tree.Write("model/.git/HEAD", "ref: refs/heads/other\n");
        tree.Write("model/.gitattributes", "*.bin filter=lfs\n");
        tree.Write("model/notes/new.md", "later\n");

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.True(check.Passed);
    }

    [Fact]
    public async Task An_empty_file_that_gains_bytes_is_a_change()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        await ModelSigningKit.SignAsync(model, key, tree);
        tree.Write("model/empty.txt", "x");

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.Equal(("empty.txt", DifferenceKind.Changed), Assert.Single(check.Differences.Select(d => (d.Path, d.Kind))));
    }

    [Fact]
    public async Task A_symbolic_link_is_refused_when_the_signature_does_not_allow_them()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        await ModelSigningKit.SignAsync(model, key, tree);
        File.CreateSymbolicLink(Path.Combine(model, "link.json"), Path.Combine(model, "config.json"));

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.Equal(ModelSignatureStatus.Unverifiable, check.Status);
        Assert.Contains("link.json", check.Problem, StringComparison.Ordinal);
        Assert.Contains("symbolic link", check.Problem, StringComparison.Ordinal);
        Assert.Equal("MG3016", Assert.Single(ModelSigningFindings.FromCheck(check, "model", "model/model.sig")).Rule.Id);
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_model_is_refused_even_when_links_are_allowed()
    {
        using var tree = new TempTree();
        var outside = tree.Write("secret.txt", "outside\n");
        var model = Path.Combine(tree.Root, "model");
        tree.Write("model/config.json", "{}");
        File.CreateSymbolicLink(Path.Combine(model, "escape.txt"), outside);
        var options = new SerializationOptions("files", "sha256", AllowSymlinks: true, null, []);

        var ex = await Assert.ThrowsAsync<ModelSignatureException>(() =>
            ModelManifestBuilder.BuildAsync(model, options, [], null, ModelSigningLimits.Default, CancellationToken.None));
        Assert.Contains("outside the model folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_inside_the_model_is_hashed_as_its_target_when_allowed()
    {
        using var tree = new TempTree();
        var model = Path.Combine(tree.Root, "model");
        tree.Write("model/config.json", "{}");
        File.CreateSymbolicLink(Path.Combine(model, "alias.json"), Path.Combine(model, "config.json"));
        var options = new SerializationOptions("files", "sha256", AllowSymlinks: true, null, []);

        var manifest = await ModelManifestBuilder.BuildAsync(model, options, [], null, ModelSigningLimits.Default, CancellationToken.None);

        Assert.Equal(["alias.json", "config.json"], manifest.Resources.Select(r => r.Name));
        Assert.Equal(manifest.Resources[0].Digest, manifest.Resources[1].Digest);
    }

    [Fact]
    public async Task A_signature_by_another_key_is_untrusted_but_the_files_are_still_compared()
    {
        using var tree = new TempTree();
        using var signer = ModelSigningKit.NewKey("P-256");
        using var other = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        await ModelSigningKit.SignAsync(model, signer, tree);
        tree.Write("model/config.json", "{}");

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(other, "other.pem"));

        Assert.Equal(ModelSignatureStatus.Untrusted, check.Status);
        Assert.Contains("key mismatch", check.Problem, StringComparison.Ordinal);
        Assert.Equal("config.json", Assert.Single(check.Differences).Path);
        var rules = ModelSigningFindings.FromCheck(check, "model", "model/model.sig").Select(f => f.Rule.Id).Order(StringComparer.Ordinal);
        Assert.Equal(["MG3012", "MG3015"], rules);
    }

    [Fact]
    public async Task Without_any_trust_a_valid_signature_is_never_verified()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        await ModelSigningKit.SignAsync(model, key, tree);

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningTrust.None);

        Assert.Equal(ModelSignatureStatus.Untrusted, check.Status);
        Assert.Empty(check.Differences);
        Assert.False(check.Passed);
    }

    [Fact]
    public async Task A_signature_whose_bytes_were_altered_is_invalid()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        var signature = await ModelSigningKit.SignAsync(model, key, tree);
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(signature))!;
        var sig = Convert.FromBase64String(bundle["dsseEnvelope"]!["signatures"]![0]!["sig"]!.GetValue<string>());
        sig[^1] ^= 1;
        bundle["dsseEnvelope"]!["signatures"]![0]!["sig"] = Convert.ToBase64String(sig);
        await File.WriteAllTextAsync(signature, bundle.ToJsonString());

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
        Assert.Contains("does not verify", check.Problem, StringComparison.Ordinal);
        Assert.Equal("MG3011", Assert.Single(ModelSigningFindings.FromCheck(check, "model", "model/model.sig")).Rule.Id);
    }

    [Fact]
    public async Task A_payload_rewritten_after_signing_is_invalid()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        var signature = await ModelSigningKit.SignAsync(model, key, tree);
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(signature))!;
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(bundle["dsseEnvelope"]!["payload"]!.GetValue<string>()));
        bundle["dsseEnvelope"]!["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("\"allow_symlinks\": false", "\"allow_symlinks\": true", StringComparison.Ordinal)));
        await File.WriteAllTextAsync(signature, bundle.ToJsonString());

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "$: expected an object")]
    [InlineData("{\"mediaType\": 3}", "$.mediaType: expected a string")]
    [InlineData("{\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\"}", "$.verificationMaterial: missing")]
    [InlineData("{\"mediaType\": \"x\", \"mediaType\": \"y\"}", "$.mediaType: key appears more than once")]
    [InlineData("{\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\", \"verificationMaterial\": {}, \"dsseEnvelope\": {\"payload\": \"!!\", \"payloadType\": \"x\", \"signatures\": []}}", "$.dsseEnvelope.payload: not valid base64")]
    [InlineData("{\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\", \"verificationMaterial\": {}, \"dsseEnvelope\": {\"payload\": \"e30=\", \"payloadType\": \"x\", \"signatures\": []}}", "$.dsseEnvelope.signatures: expected exactly one signature")]
    [InlineData("{\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\", \"verificationMaterial\": {}, \"messageSignature\": {}}", "not a message signature")]
    public async Task A_corrupted_signature_file_is_invalid_and_the_message_names_the_place(string json, string expected)
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        var signature = tree.Write("model/model.sig", json);

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
        Assert.Contains(expected, check.Problem, StringComparison.Ordinal);
        Assert.Contains(signature, check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_at_the_depth_limit()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        tree.Write("model/model.sig", new string('[', 100_000) + new string(']', 100_000));

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
        Assert.Contains("not valid JSON", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_larger_than_the_limit_is_not_read()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        tree.Write("model/model.sig", new string(' ', 5000));

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key), limits: new ModelSigningLimits { MaxSignatureBytes = 4096 });

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
        Assert.Contains("larger than 4096 bytes", check.Problem, StringComparison.Ordinal);
    }
}
