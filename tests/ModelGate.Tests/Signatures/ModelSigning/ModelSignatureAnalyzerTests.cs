using ModelGate.Analyzers;
using ModelGate.Findings;
using ModelGate.Scanning;
using ModelGate.Signatures.ModelSigning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.ModelSigning;

public sealed class ModelSignatureAnalyzerTests
{
    private static async Task<IReadOnlyList<Finding>> ScanAsync(string root, ModelSigningTrust trust)
    {
        var report = await ScannerBuilder.CreateForModels()
            .AddAnalyzer(new ModelSignatureAnalyzer(trust))
            .Build()
            .ScanAsync(root, new ScanOptions());
        return [.. report.Findings.Where(f => f.Rule.Id.StartsWith("MG30", StringComparison.Ordinal) || f.Rule.Id.StartsWith("MG301", StringComparison.Ordinal))];
    }

    [Fact]
    public async Task A_model_signed_by_a_trusted_key_is_reported_verified()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree, "models/bert");
        await ModelSigningKit.SignAsync(model, key, tree);

        var findings = await ScanAsync(tree.Root, ModelSigningKit.Trust(key));

        var finding = Assert.Single(findings);
        Assert.Equal(Rules.ModelSignatureVerified, finding.Rule);
        Assert.Equal("models/bert/model.sig", finding.Location?.Path);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public async Task Without_configured_trust_a_signed_model_is_signed_by_someone_not_trusted()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree, "models/bert");
        await ModelSigningKit.SignAsync(model, key, tree);

        var findings = await ScanAsync(tree.Root, ModelSigningTrust.None);

        Assert.Equal(Rules.SignerNotTrusted, Assert.Single(findings).Rule);
    }

    [Fact]
    public async Task A_tampered_signed_model_fails_and_names_the_file_from_the_scan_root()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        var model = ModelSigningKit.WriteModel(tree, "models/bert");
        await ModelSigningKit.SignAsync(model, key, tree);
        tree.Write("models/bert/weights/model.safetensors", "replaced");

        var findings = await ScanAsync(tree.Root, ModelSigningKit.Trust(key));

        var finding = Assert.Single(findings);
        Assert.Equal(Rules.SignedFileChanged, finding.Rule);
        Assert.Equal("models/bert/weights/model.safetensors", finding.Location?.Path);
    }

    [Fact]
    public async Task A_model_folder_without_any_signature_is_reported_once()
    {
        using var tree = new TempTree();
        ModelSigningKit.WriteModel(tree, "models/bert");
        tree.Write("models/bert/weights/second.safetensors", "x");

        var findings = await ScanAsync(tree.Root, ModelSigningTrust.None);

        var finding = Assert.Single(findings);
        Assert.Equal(Rules.SignatureMissing, finding.Rule);
        Assert.Equal("models/bert/weights", finding.Location?.Path);
    }

    [Fact]
    public async Task A_bundle_next_to_a_model_file_is_untrusted_without_configured_trust()
    {
        using var tree = new TempTree();
        ModelSigningKit.WriteModel(tree, "models/bert");
        tree.Write("models/bert/weights/model.safetensors.sigstore.json", "{}");

        var finding = Assert.Single(await ScanAsync(tree.Root, ModelSigningTrust.None));

        Assert.Equal(Rules.SignerNotTrusted, finding.Rule);
        Assert.Equal("models/bert/weights/model.safetensors.sigstore.json", finding.Location?.Path);
    }

    [Fact]
    public async Task A_malformed_bundle_next_to_a_model_file_is_invalid_when_trust_is_configured()
    {
        using var tree = new TempTree();
        ModelSigningKit.WriteModel(tree, "models/bert");
        tree.Write("models/bert/weights/model.safetensors.sigstore.json", "{}");
        var trust = new ModelSigningTrust { Identities = [new SigstoreIdentity("a@example.com", "https://accounts.example.com")] };

        var finding = Assert.Single(await ScanAsync(tree.Root, trust));

        Assert.Equal(Rules.ModelSignatureInvalid, finding.Rule);
    }

    [Fact]
    public async Task A_bare_signature_file_that_is_not_a_bundle_does_not_count()
    {
        using var tree = new TempTree();
        ModelSigningKit.WriteModel(tree, "models/bert");
        tree.Write("models/bert/weights/model.safetensors.sig", "MEUCIQDx");

        Assert.Equal(Rules.SignatureMissing, Assert.Single(await ScanAsync(tree.Root, ModelSigningTrust.None)).Rule);
    }

    [Fact]
    public async Task Two_models_are_judged_separately()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-256");
        await ModelSigningKit.SignAsync(ModelSigningKit.WriteModel(tree, "a"), key, tree);
        ModelSigningKit.WriteModel(tree, "b");

        var findings = await ScanAsync(tree.Root, ModelSigningKit.Trust(key));

        Assert.Equal([("a/model.sig", "MG3010"), ("b/weights", "MG3006")], findings.Select(f => (f.Location!.Path, f.Rule.Id)).Order());
    }
}
