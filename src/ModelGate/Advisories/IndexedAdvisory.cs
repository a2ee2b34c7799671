using ModelGate.Formats.Osv;

namespace ModelGate.Advisories;

/// <summary>An advisory as indexed under one PyPI package: the <c>affected[]</c> entries that name that package.</summary>
internal sealed record IndexedAdvisory(OsvAdvisory Advisory, string PackageName, IReadOnlyList<CompiledAffected> Entries);
