using System.Collections.Frozen;

namespace ModelGate.Artifacts.Pickle;

/// <summary>
/// The callable catalogue: which names a pickle may import or call (<c>safe-callables.txt</c>) and which it
/// must not (<c>dangerous-callables.txt</c>), both embedded resources written as data with a reason per entry.
/// Dangerous wins over safe; names on neither list are unknown.
/// </summary>
internal sealed class PickleCallableCatalog
{
    private const string DangerousResource = "ModelGate.Artifacts.Pickle.dangerous-callables.txt";
    private const string SafeResource = "ModelGate.Artifacts.Pickle.safe-callables.txt";

    // Python 2 spellings and platform/C-accelerator modules that are the same module for our purpose.
    private static readonly FrozenDictionary<string, string> ModuleAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["__builtin__"] = "builtins",
        ["exceptions"] = "builtins",
        ["copy_reg"] = "copyreg",
        ["posix"] = "os",
        ["nt"] = "os",
        ["posixpath"] = "os.path",
        ["ntpath"] = "os.path",
        ["_io"] = "io",
        ["_pickle"] = "pickle",
        ["cPickle"] = "pickle",
        ["_operator"] = "operator",
        ["_codecs"] = "codecs",
        ["commands"] = "subprocess",
        ["_functools"] = "functools",
        ["urllib2"] = "urllib",
        ["httplib"] = "http",
        ["_collections"] = "collections",
        ["_datetime"] = "datetime",
        ["_decimal"] = "decimal",
        ["_pydecimal"] = "decimal",
        ["_socket"] = "socket",
        ["_marshal"] = "marshal",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<PickleCallableCatalog> LazyDefault = new(() => new(
        ParseDangerous(ReadResource(DangerousResource)),
        ParseSafe(ReadResource(SafeResource))));

    private readonly IReadOnlyList<DangerousEntry> _dangerous;
    private readonly IReadOnlyList<SafeEntry> _safe;

    private PickleCallableCatalog(IReadOnlyList<DangerousEntry> dangerous, IReadOnlyList<SafeEntry> safe)
    {
        _dangerous = dangerous;
        _safe = safe;
    }

    /// <summary>The built-in catalogue.</summary>
    public static PickleCallableCatalog Default => LazyDefault.Value;

    /// <summary>Number of dangerous entries.</summary>
    public int DangerousCount => _dangerous.Count;

    /// <summary>Number of safe entries.</summary>
    public int SafeCount => _safe.Count;

    /// <summary>A copy extended with extra patterns (from a policy file); dangerous still wins over safe.</summary>
    public PickleCallableCatalog WithExtra(IEnumerable<string> safe, IEnumerable<string> dangerous) => new(
        [.. _dangerous, .. dangerous.Select(p => new DangerousEntry(CallablePattern.Parse(p.Trim()), "policy", "listed as dangerous by the policy"))],
        [.. _safe, .. safe.Select(p => new SafeEntry(CallablePattern.Parse(p.Trim()), "allowed by the policy"))]);

    /// <summary>Classifies <paramref name="module"/>.<paramref name="name"/> (name may be a dotted qualname).</summary>
    public CallableClass Classify(string module, string name)
    {
        var normalised = Normalise(module);
        var fullName = name.Length == 0 ? normalised : $"{normalised}.{name}";
        var rawFullName = name.Length == 0 ? module : $"{module}.{name}";
        foreach (var entry in _dangerous)
        {
            if (entry.Pattern.Matches(normalised, name, fullName, underExact: true)
                || (!ReferenceEquals(normalised, module) && entry.Pattern.Matches(module, name, rawFullName, underExact: true)))
                return new CallableClass.Dangerous(entry.Category, entry.Reason, entry.Pattern.Text);
        }
        foreach (var entry in _safe)
        {
            if (entry.Pattern.Matches(normalised, name, fullName, underExact: false))
                return new CallableClass.Safe(entry.Reason, entry.Pattern.Text);
        }
        return CallableClass.Unknown.Instance;
    }

    /// <summary>Applies <see cref="ModuleAliases"/> to the module or its top-level package.</summary>
    internal static string Normalise(string module)
    {
        if (ModuleAliases.TryGetValue(module, out var alias))
            return alias;
        var dot = module.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && ModuleAliases.TryGetValue(module[..dot], out var top) ? top + module[dot..] : module;
    }

    internal static IReadOnlyList<DangerousEntry> ParseDangerous(IEnumerable<string> lines) =>
        [.. DataLines(lines).Select(parts => parts.Length == 3 && parts[1].Length > 0 && parts[2].Length > 0
            ? new DangerousEntry(CallablePattern.Parse(parts[0]), parts[1], parts[2])
            : throw new FormatException($"dangerous-callables.txt: expected 'pattern | category | reason': {string.Join(" | ", parts)}"))];

    internal static IReadOnlyList<SafeEntry> ParseSafe(IEnumerable<string> lines) =>
        [.. DataLines(lines).Select(parts => parts.Length == 2 && parts[1].Length > 0
            ? new SafeEntry(CallablePattern.Parse(parts[0]), parts[1])
            : throw new FormatException($"safe-callables.txt: expected 'pattern | reason': {string.Join(" | ", parts)}"))];

    internal static IEnumerable<string> ReadResource(string name)
    {
        using var stream = typeof(PickleCallableCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return lines;
    }

    private static IEnumerable<string[]> DataLines(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries));

    internal sealed record DangerousEntry(CallablePattern Pattern, string Category, string Reason);

    internal sealed record SafeEntry(CallablePattern Pattern, string Reason);
}
