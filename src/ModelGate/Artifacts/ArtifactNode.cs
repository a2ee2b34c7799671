using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Threats;

namespace ModelGate.Artifacts;

/// <summary>
/// One artifact being scanned — the file itself or a member nested in it — with the findings about it and
/// the members found inside. Inspectors report through it; the verdict follows from what they reported.
/// </summary>
internal sealed class ArtifactNode
{
    private readonly List<Finding> _findings = [];
    private readonly List<ArtifactNode> _children = [];

    internal ArtifactNode(ArtifactWalk walk, string path, string name, long size, int depth)
    {
        Walk = walk;
        Path = path;
        Name = name;
        Size = size;
        Depth = depth;
    }

    public ArtifactWalk Walk { get; }

    /// <summary>Relative path of the file, with <c>!member</c> for each archive level.</summary>
    public string Path { get; }

    /// <summary>The file's or member's own name: the only name-based hint the sniffer gets.</summary>
    public string Name { get; }

    public long Size { get; set; }

    /// <summary>0 for the file, 1 for a member of it, and so on.</summary>
    public int Depth { get; }

    /// <summary>The report spelling of the format the bytes show.</summary>
    public string Format { get; set; } = "unknown";

    /// <summary>
    /// Members whose bytes are no model format (a README, a tensor blob) are not listed in the report unless
    /// something was found about them.
    /// </summary>
    public bool Recognised { get; set; }

    public IReadOnlyList<Finding> Findings => _findings;

    public IReadOnlyList<ArtifactNode> Children => _children;

    /// <summary>True once part of this artifact could not be analysed (MG2004).</summary>
    public bool HasError { get; private set; }

    /// <summary>A member inside this artifact; its path is this one's plus <c>!name</c>.</summary>
    public ArtifactNode AddChild(string memberName, long size)
    {
        var child = new ArtifactNode(Walk, $"{Path}!{memberName}", LeafName(memberName), size, Depth + 1);
        _children.Add(child);
        return child;
    }

    /// <summary>Reports a finding about this artifact.</summary>
    /// <param name="discriminator">What tells this finding apart from others of the same rule here (a callable, an op name).</param>
    public void Report(Rule rule, string message, long? offset = null, Severity? severity = null,
        IReadOnlyList<string>? evidence = null, string? discriminator = null, string? remediation = null)
    {
        if (rule.Id == Rules.ArtifactNotAnalysed.Id && (severity ?? rule.DefaultSeverity) >= Severity.Medium)
            HasError = true;
        _findings.Add(new Finding
        {
            Rule = rule,
            Severity = severity ?? rule.DefaultSeverity,
            Title = rule.Title,
            Message = message,
            Location = new SourceLocation(Walk.FilePath, Offset: offset),
            Artifact = Path,
            Evidence = evidence ?? [],
            Discriminator = discriminator ?? message,
            Remediation = remediation ?? DefaultRemediation(rule),
            Threats = ThreatCatalog.For(rule),
        });
    }

    /// <summary>Part of this artifact could not be analysed: an MG2004 finding and an error verdict.</summary>
    public void NotAnalysed(string reason, long? offset = null) =>
        Report(Rules.ArtifactNotAnalysed, $"{Path}: {reason}", offset, discriminator: reason);

    /// <summary>The verdict from this artifact's own findings only.</summary>
    public ArtifactVerdict OwnVerdict
    {
        get
        {
            var verdict = ArtifactVerdict.Clean;
            foreach (var finding in _findings)
                verdict = Worst(verdict, VerdictOf(finding));
            return verdict;
        }
    }

    /// <summary>The worst of this artifact's own verdict and every member's.</summary>
    public ArtifactVerdict Verdict
    {
        get
        {
            var verdict = OwnVerdict;
            foreach (var child in _children)
                verdict = Worst(verdict, child.Verdict);
            return verdict;
        }
    }

    internal static ArtifactVerdict VerdictOf(Finding finding) =>
        finding.Severity == Severity.Critical ? ArtifactVerdict.Malicious
        // An informational MG2004 notes a part read by a fallback (a heuristic found what it needed).
        : finding.Rule.Id == Rules.ArtifactNotAnalysed.Id && finding.Severity >= Severity.Medium ? ArtifactVerdict.Error
        : finding.Severity >= Severity.Medium ? ArtifactVerdict.Suspicious
        : ArtifactVerdict.Clean;

    internal static ArtifactVerdict Worst(ArtifactVerdict a, ArtifactVerdict b) => a >= b ? a : b;

    private static string LeafName(string memberName)
    {
        var trimmed = memberName.TrimEnd('/', '\\');
        var slash = trimmed.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    private static string DefaultRemediation(Rule rule) => rule.Id switch
    {
        "MG2001" => "Do not load this file. Obtain the model as safetensors (or another format without code) from a publisher you trust, and report the file to the hub that served it.",
        "MG2002" or "MG2003" => "Do not load this file with pickle, torch.load (weights_only=False) or joblib until a person has reviewed the callables listed. Prefer safetensors; if the callable is yours and safe, add it to the policy's safe list.",
        "MG2004" => "Re-download the file and check its digest; if it is truncated or malformed it is not what the publisher released. A file that cannot be analysed cannot pass the gate unless waived.",
        "MG2005" or "MG2006" => "Rebuild the archive with the framework's own save function and check its digest against the publisher's; loaders and scanners disagree about irregular archives.",
        "MG2007" => "Load the model only with code execution disabled (Keras safe_mode, torch.load weights_only=True) or re-export it without the code, after reviewing what the code does.",
        "MG2008" => "Do not serve this graph; re-export the model without the operation, or review the custom operator's native library.",
        "MG2009" => "Replace the chat template with a reviewed one, and render templates only in a sandboxed Jinja environment.",
        _ => "Re-export the model with the real library and check it against the publisher's digest.",
    };
}
