using System.Security.Cryptography;
using System.Text;
using ModelGate.Inventory;

namespace ModelGate.Findings;

/// <summary>
/// Something about the user's project that a person should look at: which rule, how bad, where, about
/// what, why we think so, and what to do.
/// </summary>
public sealed record Finding
{
    public required Rule Rule { get; init; }

    public FindingKind Kind => Rule.Kind;

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    public required string Message { get; init; }

    /// <summary>Where: file and line (or byte offset); null for findings about the whole target.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The package the finding concerns, as <c>name</c> or <c>name==version</c>.</summary>
    public string? Package { get; init; }

    /// <summary>The model artifact the finding concerns (relative path).</summary>
    public string? Artifact { get; init; }

    /// <summary>Facts that support the finding, each a short line.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    public string? Remediation { get; init; }

    /// <summary>OWASP ML Top 10, MITRE ATLAS and CWE references (filled by the threat mapping).</summary>
    public IReadOnlyList<ThreatReference> Threats { get; init; } = [];

    /// <summary>
    /// What distinguishes this finding from others of the same rule on the same subject (an advisory id,
    /// an index URL). Part of the fingerprint.
    /// </summary>
    public string? Discriminator { get; init; }

    /// <summary>
    /// A stable id so baselines and waivers survive re-runs: a hash of the rule, the file, the subject and
    /// the discriminator — not the line, which moves whenever someone edits above it.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var key = string.Join('\u001f', Rule.Id, Location?.Path ?? string.Empty, Package ?? string.Empty, Artifact ?? string.Empty, Discriminator ?? string.Empty);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
    }
}
