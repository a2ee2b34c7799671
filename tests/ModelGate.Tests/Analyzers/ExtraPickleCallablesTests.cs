using ModelGate.Findings;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Analyzers;

public sealed class ExtraPickleCallablesTests
{
    /// <summary>Protocol 2: GLOBAL mypkg.layers Custom, EMPTY_TUPLE, REDUCE, STOP — a call to a project's own class.</summary>
    private static readonly byte[] CustomLayer = [0x80, 0x02, .. "cmypkg.layers\nCustom\n"u8, (byte)')', (byte)'R', (byte)'.'];

    private static async Task<IReadOnlyList<Finding>> ScanAsync(IReadOnlyList<string> safe, IReadOnlyList<string> dangerous)
    {
        using var tree = new TempTree();
        tree.WriteBytes("model.pkl", CustomLayer);
        var report = await ScannerBuilder.CreateForModels().UseExtraPickleCallables(safe, dangerous).Build().ScanAsync(tree.Root, new ScanOptions());
        return report.Findings;
    }

    [Fact]
    public async Task A_callable_outside_the_allowlist_is_suspicious_by_default()
    {
        var findings = await ScanAsync([], []);
        Assert.Contains(findings, f => f.Rule == Rules.UnknownCallable);
    }

    [Fact]
    public async Task A_policy_safe_callable_is_not_reported()
    {
        var findings = await ScanAsync(["mypkg.layers.Custom"], []);
        Assert.DoesNotContain(findings, f => f.Rule == Rules.UnknownCallable || f.Rule == Rules.DangerousCallable);
    }

    [Fact]
    public async Task A_policy_dangerous_callable_is_critical_even_when_also_listed_safe()
    {
        var findings = await ScanAsync(["mypkg.layers.Custom"], ["mypkg.layers.*"]);
        Assert.Contains(findings, f => f.Rule == Rules.DangerousCallable && f.Severity == Severity.Critical);
    }

    [Fact]
    public async Task The_policy_lists_reach_the_model_scan()
    {
        var policy = ModelGate.Policy.GatePolicy.From(ModelGate.Policy.PolicyFile.Parse(
            "version: 1\nlists:\n  pickle:\n    safe-callables: [mypkg.layers.Custom]\n", "p.yaml"), "p.yaml");
        using var tree = new TempTree();
        tree.WriteBytes("model.pkl", CustomLayer);

        var report = await ScannerBuilder.CreateForModels().UsePolicy(policy).Build().ScanAsync(tree.Root, new ScanOptions());

        Assert.DoesNotContain(report.Findings, f => f.Rule == Rules.UnknownCallable);
    }

    [Theory]
    [InlineData("safe-callables: [os]")]
    [InlineData("dangerous-callables: ['bad pattern']")]
    public void A_callable_pattern_the_catalogue_cannot_read_is_refused_with_its_line(string entry)
    {
        var error = Assert.Throws<ModelGate.Policy.PolicyException>(() =>
            ModelGate.Policy.PolicyFile.Parse($"version: 1\nlists:\n  pickle:\n    {entry}\n", "p.yaml"));
        Assert.StartsWith("p.yaml:4:", error.Message, StringComparison.Ordinal);
    }
}
