using ModelGate.Formats.Osv;
using ModelGate.Formats.Pep440;

namespace ModelGate.Advisories;

/// <summary>
/// A range event with its version parsed once at index time. <see cref="Version"/> is null only for
/// <c>introduced: "0"</c>, which osv-schema defines as sorting before every other version.
/// </summary>
internal readonly record struct CompiledEvent(OsvEventKind Kind, PythonVersion? Version)
{
    /// <summary>Events in version order, <c>introduced: "0"</c> first; ties compare equal (the sort is stable).</summary>
    public static int CompareVersions(CompiledEvent left, CompiledEvent right) =>
        (left.Version, right.Version) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            var (l, r) => l.CompareTo(r),
        };
}
