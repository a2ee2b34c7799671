using ModelGate.Formats.Osv;

namespace ModelGate.Advisories;

/// <summary>The advisories read from one source, in path order, and one warning per file that was skipped.</summary>
internal sealed record LoadedAdvisories(IReadOnlyList<OsvAdvisory> Advisories, IReadOnlyList<string> Warnings);
