using ModelGate.Formats.Osv;

namespace ModelGate.Tests.Advisories;

/// <summary>Terse builders for hand-written advisories. Events are "i:1.0" (introduced), "f:" (fixed), "l:" (last_affected), "x:" (limit).</summary>
internal static class Osv
{
    public static OsvAdvisory Advisory(string id, params OsvAffected[] affected) => new() { Id = id, Affected = affected };

    public static OsvAffected Package(string name, params OsvRange[] ranges) => Entry("PyPI", name, [], ranges);

    public static OsvAffected Entry(string ecosystem, string name, string[] versions, params OsvRange[] ranges) =>
        new() { Package = new OsvPackage(ecosystem, name, null), Versions = versions, Ranges = ranges };

    public static OsvRange Range(string events, string type = "ECOSYSTEM") =>
        new(type, type == "GIT" ? "https://example.com/repo" : null, [.. events.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Event)]);

    private static OsvEvent Event(string spec)
    {
        var kind = spec[..2] switch
        {
            "i:" => OsvEventKind.Introduced,
            "f:" => OsvEventKind.Fixed,
            "l:" => OsvEventKind.LastAffected,
            "x:" => OsvEventKind.Limit,
            _ => throw new ArgumentException("unknown event " + spec, nameof(spec)),
        };
        return new OsvEvent(kind, spec[2..]);
    }
}
