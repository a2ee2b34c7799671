using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Formats.Cvss;

/// <summary>
/// Splits a vector string into metric values and checks it against the grammar of its version.
/// </summary>
/// <remarks>
/// Rules shared by the specifications (v3.0 and v3.1 section 6, v4.0 section 7): the string starts with
/// <c>CVSS:</c> and the version; metrics are separated by <c>/</c>, and each is an abbreviation and a value
/// separated by <c>:</c>; every Base metric appears; a metric appears at most once; abbreviations and values are
/// exactly those of the metric tables (case-sensitive, no whitespace). Optional metrics may be absent or written
/// with the value Not Defined (<c>X</c>).
/// Order differs: v3.0 and v3.1 say metrics should be listed in table order but that programs reading vector
/// strings must accept them in any order; v4.0 requires the order of its Table 23, so an out-of-order v4.0
/// vector is rejected.
/// </remarks>
internal static class CvssVectorParser
{
    internal readonly record struct Parsed(CvssVersion Version, string?[] Values);

    public static bool TryParse(string vector, out Parsed parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = default;
        if (vector.Length > ReaderLimits.MaxCvssVectorLength)
        {
            error = $"vector is {vector.Length} characters long; at most {ReaderLimits.MaxCvssVectorLength} are read";
            return false;
        }

        CvssVersion version;
        if (vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal))
            version = CvssVersion.V3_0;
        else if (vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal))
            version = CvssVersion.V3_1;
        else if (vector.StartsWith("CVSS:4.0/", StringComparison.Ordinal))
            version = CvssVersion.V4_0;
        else
        {
            error = "vector must start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/";
            return false;
        }

        var metrics = version == CvssVersion.V4_0 ? CvssMetrics.V4 : CvssMetrics.V3;
        var values = new string?[metrics.Length];
        var rest = vector.AsSpan("CVSS:3.0/".Length);
        var previousIndex = -1;
        while (true)
        {
            var slash = rest.IndexOf('/');
            var component = slash < 0 ? rest : rest[..slash];
            if (!TryReadComponent(component, metrics, values, version, ref previousIndex, out error))
                return false;
            if (slash < 0)
                break;
            rest = rest[(slash + 1)..];
        }

        foreach (var (metric, value) in metrics.Zip(values))
        {
            if (metric.Mandatory && value is null)
            {
                error = $"Base metric {metric.Name} is missing";
                return false;
            }
        }

        parsed = new Parsed(version, values);
        error = null;
        return true;
    }

    private static bool TryReadComponent(
        ReadOnlySpan<char> component, CvssMetric[] metrics, string?[] values, CvssVersion version,
        ref int previousIndex, [NotNullWhen(false)] out string? error)
    {
        if (component.IsEmpty)
        {
            error = "empty metric (a '/' with nothing after it, or two in a row)";
            return false;
        }

        var colon = component.IndexOf(':');
        if (colon <= 0 || colon == component.Length - 1 || component[(colon + 1)..].Contains(':'))
        {
            error = $"'{component}' is not a metric written as NAME:VALUE";
            return false;
        }

        var name = component[..colon];
        var value = component[(colon + 1)..];
        var index = IndexOf(metrics, name);
        if (index < 0)
        {
            error = $"unknown metric '{name}' for CVSS {VersionText(version)}";
            return false;
        }

        var metric = metrics[index];
        if (values[index] is not null)
        {
            error = $"metric {metric.Name} appears more than once";
            return false;
        }

        if (!metric.Allows(value))
        {
            error = $"metric {metric.Name} has value '{value}'; allowed: {metric.AllowedText}";
            return false;
        }

        if (version == CvssVersion.V4_0 && index < previousIndex)
        {
            error = $"metric {metric.Name} is out of order: CVSS 4.0 lists it before {metrics[previousIndex].Name}";
            return false;
        }

        values[index] = value.ToString();
        previousIndex = index;
        error = null;
        return true;
    }

    private static int IndexOf(CvssMetric[] metrics, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < metrics.Length; i++)
        {
            if (name.SequenceEqual(metrics[i].Name))
                return i;
        }
        return -1;
    }

    internal static string VersionText(CvssVersion version) => version switch
    {
        CvssVersion.V3_0 => "3.0",
        CvssVersion.V3_1 => "3.1",
        _ => "4.0",
    };
}
