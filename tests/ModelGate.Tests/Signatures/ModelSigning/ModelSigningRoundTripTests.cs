using ModelGate.Signatures.ModelSigning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.ModelSigning;

public sealed class ModelSigningRoundTripTests
{
    [Theory]
    [InlineData("P-256", false)]
    [InlineData("P-384", false)]
    [InlineData("P-256", true)]
    [InlineData("P-384", true)]
    [InlineData("P-521", false)]
    public async Task A_model_signed_with_a_key_verifies_with_its_public_key(string curve, bool sec1)
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey(curve);
        var model = ModelSigningKit.WriteModel(tree);
        var keyPath = ModelSigningKit.WritePrivateKey(tree, key, sec1);
        var signature = Path.Combine(model, "model.sig");
        await ModelSigner.SignAsync(model, keyPath, signature, [], ModelSigningLimits.Default, CancellationToken.None);

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.Equal(ModelSignatureStatus.Verified, check.Status);
        Assert.Empty(check.Differences);
        Assert.True(check.Passed);
        // config.json, empty.txt, tokenizer/deep/vocab.txt, weights/model.safetensors; .git and model.sig left out.
        Assert.Equal(["config.json", "empty.txt", "tokenizer/deep/vocab.txt", "weights/model.safetensors"], check.Statement!.Resources.Select(r => r.Name));
    }

    [Fact]
    public async Task The_signature_records_the_git_paths_and_itself_as_ignored()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree);
        tree.Write("model/notes/draft.md", "not part of the release\n");
        await ModelSigningKit.SignAsync(model, key, tree, ["notes"]);

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        Assert.True(check.Passed);
        Assert.Equal([".git", ".gitattributes", ".github", ".gitignore", "model.sig", "notes"], check.Statement!.Serialization.IgnorePaths);
    }

    [Fact]
    public async Task A_single_file_model_is_the_resource_named_dot()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var file = tree.Write("model.safetensors", "weights");
        var keyPath = ModelSigningKit.WritePrivateKey(tree, key);
        var signature = Path.Combine(tree.Root, "model.safetensors.sig");
        await ModelSigner.SignAsync(file, keyPath, signature, [], ModelSigningLimits.Default, CancellationToken.None);

        var check = await ModelSigningKit.CheckAsync(file, ModelSigningKit.Trust(key), signature);

        Assert.True(check.Passed);
        Assert.Equal(".", Assert.Single(check.Statement!.Resources).Name);
        Assert.Equal(ModelSigningKit.Sha256("weights"), check.Statement.Resources[0].Digest);
    }

    [Fact]
    public async Task A_folder_with_only_ignored_files_cannot_be_signed()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        tree.Write("model/.git/HEAD", "ref\n");
        var keyPath = ModelSigningKit.WritePrivateKey(tree, key);

        var ex = await Assert.ThrowsAsync<ModelSignatureException>(() =>
            ModelSigner.SignAsync(Path.Combine(tree.Root, "model"), keyPath, Path.Combine(tree.Root, "model", "model.sig"), [], ModelSigningLimits.Default, CancellationToken.None));
        Assert.Contains("no regular files", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n", "encrypted")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n", "not a PEM private key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n", "not an elliptic-curve private key")]
    public async Task An_unusable_private_key_is_refused_with_the_reason(string pem, string reason)
    {
        using var tree = new TempTree();
        var model = ModelSigningKit.WriteModel(tree);
        var keyPath = tree.Write("bad.pem", pem);

        var ex = await Assert.ThrowsAsync<ModelSignatureException>(() =>
            ModelSigner.SignAsync(model, keyPath, Path.Combine(model, "model.sig"), [], ModelSigningLimits.Default, CancellationToken.None));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.pem", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_rsa_key_is_refused()
    {
        using var tree = new TempTree();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var model = ModelSigningKit.WriteModel(tree);
        var keyPath = tree.Write("rsa.pem", rsa.ExportPkcs8PrivateKeyPem());

        var ex = await Assert.ThrowsAsync<ModelSignatureException>(() =>
            ModelSigner.SignAsync(model, keyPath, Path.Combine(model, "model.sig"), [], ModelSigningLimits.Default, CancellationToken.None));
        Assert.Equal("key", ex.Check);
    }
}
