namespace ModelGate.Formats.Pep508;

/// <summary>
/// The values of PEP 508 marker variables for one target environment. Unset variables read as the
/// empty string, so a marker about something the user did not specify never throws.
/// </summary>
public sealed class MarkerEnvironment
{
    /// <summary>The variable names PEP 508 and its successors define.</summary>
    public static readonly IReadOnlySet<string> KnownVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "python_version", "python_full_version", "os_name", "sys_platform", "platform_release",
        "platform_system", "platform_version", "platform_machine", "platform_python_implementation",
        "implementation_name", "implementation_version", "extra", "extras", "dependency_groups",
    };

    private readonly Dictionary<string, string> _values;

    public MarkerEnvironment(IReadOnlyDictionary<string, string> values)
    {
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
    }

    /// <summary>The value of a variable, or the empty string when it is not set.</summary>
    public string Get(string variable) => _values.TryGetValue(variable, out var v) ? v : string.Empty;

    /// <summary>True when the environment gives the variable a value.</summary>
    public bool IsSet(string variable) => _values.ContainsKey(variable);

    /// <summary>A copy with one variable replaced (for example <c>extra</c> while evaluating an extra's dependencies).</summary>
    public MarkerEnvironment With(string variable, string value)
    {
        var copy = new Dictionary<string, string>(_values, StringComparer.Ordinal) { [variable] = value };
        return new MarkerEnvironment(copy);
    }

    /// <summary>
    /// The environment of CPython <paramref name="pythonVersion"/> (X.Y or X.Y.Z) on a platform
    /// named as <c>sys.platform</c> says it: <c>linux</c>, <c>darwin</c> or <c>win32</c>.
    /// Variables that the two choices do not determine are left unset.
    /// </summary>
    public static MarkerEnvironment For(string? pythonVersion, string? platform)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["implementation_name"] = "cpython",
            ["platform_python_implementation"] = "CPython",
        };
        if (!string.IsNullOrWhiteSpace(pythonVersion))
        {
            var parts = pythonVersion.Trim().Split('.');
            values["python_version"] = parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : parts[0];
            values["python_full_version"] = parts.Length >= 3 ? pythonVersion.Trim() : values["python_version"] + ".0";
            values["implementation_version"] = values["python_full_version"];
        }
        switch (platform?.Trim().ToLowerInvariant())
        {
            case "linux":
                values["sys_platform"] = "linux";
                values["os_name"] = "posix";
                values["platform_system"] = "Linux";
                break;
            case "darwin" or "macos":
                values["sys_platform"] = "darwin";
                values["os_name"] = "posix";
                values["platform_system"] = "Darwin";
                break;
            case "win32" or "windows":
                values["sys_platform"] = "win32";
                values["os_name"] = "nt";
                values["platform_system"] = "Windows";
                break;
            case null or "":
                break;
            default:
                throw new ArgumentException($"unknown platform '{platform}': expected linux, darwin or win32", nameof(platform));
        }
        return new MarkerEnvironment(values);
    }
}
