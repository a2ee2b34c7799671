using System.CommandLine;
using ModelGate.Policy;
using ModelGate.Reporting;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>--policy FILE</c> and where the policy comes from otherwise (docs/policy.md): <c>--policy</c>, else
/// <c>modelgate-policy.yaml</c> in the target folder (local folders only), else the built-in default;
/// <c>--fail-on</c> then overrides every kind's fail threshold.
/// </summary>
internal sealed class PolicyOptions(GateOptions gate)
{
    public Option<string?> File { get; } = new("--policy") { Description = "The policy file (default: modelgate-policy.yaml in the target folder, else the built-in policy; see 'modelgate policy show-default')." };

    public GateOptions Gate { get; } = gate;

    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Gate.FailOn);
    }

    /// <summary>The gate for <paramref name="target"/> (null when the command has no folder to look in).</summary>
    /// <exception cref="PolicyException">The policy file is missing or invalid.</exception>
    public GatePolicy Resolve(ParseResult parse, string? target) => WithFailOn(parse, Load(parse.GetValue(File), target));

    /// <summary>The policy named, else the one in <paramref name="folder"/>, else the default.</summary>
    /// <exception cref="PolicyException">The policy file is missing or invalid.</exception>
    public static GatePolicy Load(string? path, string? folder)
    {
        if (path is null && folder is not null && !Provenance.Hub.HubReference.IsHubTarget(folder) && Directory.Exists(folder))
        {
            var found = Path.Combine(folder, PolicyFile.FileName);
            if (System.IO.File.Exists(found))
                path = found;
        }
        return path is null ? GatePolicy.Default : GatePolicy.From(PolicyFile.Load(path), path);
    }

    private GatePolicy WithFailOn(ParseResult parse, GatePolicy policy) =>
        ReportNames.TryParseSeverity(parse.GetValue(Gate.FailOn), out var threshold) ? policy.WithFailOn(threshold) : policy;
}
