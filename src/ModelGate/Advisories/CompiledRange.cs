using ModelGate.Formats;
using ModelGate.Formats.Osv;
using ModelGate.Formats.Pep440;

namespace ModelGate.Advisories;

/// <summary>
/// An ECOSYSTEM or SEMVER range prepared for evaluation: its events parsed and sorted into a copy (the
/// advisory is never modified), its <c>limit</c> events apart. Both range types are evaluated with PEP 440
/// ordering: on PyPI a SEMVER range names PyPI releases, and PEP 440 orders every SemVer release string
/// the way SemVer does except for pre-release tags, which PyPI versions cannot carry anyway.
/// </summary>
internal sealed class CompiledRange
{
    private static readonly Comparer<CompiledEvent> Order = Comparer<CompiledEvent>.Create(CompiledEvent.CompareVersions);

    private CompiledRange(OsvRange source, CompiledEvent[] events, PythonVersion[] limits, bool unlimited, string? unreadable)
    {
        Source = source;
        Events = events;
        Limits = limits;
        Unlimited = unlimited;
        Unreadable = unreadable;
    }

    public OsvRange Source { get; }

    /// <summary>introduced, fixed and last_affected events, in PEP 440 order (stable: ties keep the advisory's order).</summary>
    public IReadOnlyList<CompiledEvent> Events { get; }

    /// <summary>Finite <c>limit</c> versions.</summary>
    public IReadOnlyList<PythonVersion> Limits { get; }

    /// <summary>No limit applies: the range has no <c>limit</c> event, or one containing <c>*</c> (infinity).</summary>
    public bool Unlimited { get; }

    /// <summary>Why the range cannot be evaluated (an event version that is empty or over the length limits), or null.</summary>
    public string? Unreadable { get; }

    /// <summary>
    /// Event versions that are not PEP 440 are read with <see cref="PythonVersion.ParseLenient"/>: they order
    /// before every valid version, as pip's legacy versions did, so a legacy <c>fixed</c> ends nothing that a
    /// valid <c>introduced</c> starts.
    /// </summary>
    public static CompiledRange Compile(OsvRange range)
    {
        var events = new List<CompiledEvent>(range.Events.Count);
        var limits = new List<PythonVersion>();
        var unlimited = true;
        var infiniteLimit = false;
        string? unreadable = null;
        foreach (var e in range.Events)
        {
            // osv-schema, "Special values": introduced "0" sorts before any other version; a limit containing
            // "*" is infinity.
            if (e.Kind == OsvEventKind.Introduced && e.Version == "0")
            {
                events.Add(new CompiledEvent(e.Kind, null));
                continue;
            }
            if (e.Kind == OsvEventKind.Limit && e.Version.Contains('*', StringComparison.Ordinal))
            {
                infiniteLimit = true;
                continue;
            }
            PythonVersion version;
            try
            {
                version = PythonVersion.ParseLenient(e.Version);
            }
            catch (MalformedDataException ex)
            {
                unreadable ??= ex.Reason;
                continue;
            }
            if (e.Kind == OsvEventKind.Limit)
            {
                unlimited = false;
                limits.Add(version);
            }
            else
            {
                events.Add(new CompiledEvent(e.Kind, version));
            }
        }
        // LINQ's OrderBy is a stable sort; Array.Sort is not.
        var sorted = events.OrderBy(e => e, Order).ToArray();
        return new CompiledRange(range, sorted, [.. limits], unlimited || infiniteLimit, unreadable);
    }

    /// <summary>osv-schema, Evaluation: <c>IncludedInRanges</c> for this one range, with <c>BeforeLimits</c>.</summary>
    public bool Includes(PythonVersion version)
    {
        if (!BeforeLimits(version))
            return false;
        var vulnerable = false;
        foreach (var e in Events)
        {
            switch (e.Kind)
            {
                case OsvEventKind.Introduced when e.Version is null || version >= e.Version:
                    vulnerable = true;
                    break;
                case OsvEventKind.Fixed when version >= e.Version:
                    vulnerable = false;
                    break;
                case OsvEventKind.LastAffected when version > e.Version:
                    vulnerable = false;
                    break;
            }
        }
        return vulnerable;
    }

    private bool BeforeLimits(PythonVersion version)
    {
        if (Unlimited)
            return true;
        foreach (var limit in Limits)
        {
            if (version < limit)
                return true;
        }
        return false;
    }
}
