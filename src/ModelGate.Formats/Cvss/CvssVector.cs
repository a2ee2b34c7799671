using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ModelGate.Formats.Cvss;

/// <summary>
/// A CVSS v3.0, v3.1 or v4.0 vector string, checked against its specification's grammar, with the score it gives.
/// </summary>
/// <remarks>
/// <para>For v3.0 and v3.1, <see cref="BaseScore"/> is the Base score: Temporal and Environmental metrics are
/// checked but, as the specification defines the Base score, never change it. v3.0 and v3.1 differ only in
/// Roundup (v3.1 Appendix A): v3.0 takes the ceiling of the floating-point value, v3.1 first removes
/// floating-point error, so a few vectors score 0.1 higher as v3.0.</para>
/// <para>For v4.0 the score uses every metric the vector gives: with Base metrics only it is CVSS-B; when Threat or
/// Environmental metrics are present it is CVSS-BT, CVSS-BE or CVSS-BTE, as section 8 of the specification
/// computes it (unspecified ones count as Not Defined). Supplemental metrics never change the score.</para>
/// </remarks>
public sealed class CvssVector
{
    private const string Format = "cvss";
    private readonly int _tenths;

    private CvssVector(CvssVersion version, string vector, int tenths)
    {
        Version = version;
        Vector = vector;
        _tenths = tenths;
    }

    /// <summary>The specification the vector string names.</summary>
    public CvssVersion Version { get; }

    /// <summary>
    /// The vector string in the specification's metric order. A v4.0 vector must already be in that order, so it
    /// is the input unchanged; a v3.x vector, which may list metrics in any order, is rewritten in the order of
    /// v3.1 Table 15. Every metric given is kept, explicit Not Defined (X) values included.
    /// </summary>
    public string Vector { get; }

    /// <summary>The score, 0.0 to 10.0, with one decimal (see the remarks on the type for what it includes).</summary>
    public double BaseScore => _tenths / 10.0;

    /// <summary>The qualitative rating of <see cref="BaseScore"/>.</summary>
    public CvssSeverity Severity => _tenths switch
    {
        0 => CvssSeverity.None,
        < 40 => CvssSeverity.Low,
        < 70 => CvssSeverity.Medium,
        < 90 => CvssSeverity.High,
        _ => CvssSeverity.Critical,
    };

    /// <summary>Parses a vector string.</summary>
    /// <exception cref="MalformedDataException">The string is not a valid CVSS v3.0, v3.1 or v4.0 vector.</exception>
    public static CvssVector Parse(string vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return TryParse(vector, out var parsed, out var error) ? parsed : throw new MalformedDataException(Format, error);
    }

    /// <summary>Parses a vector string; on failure, <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(
        string vector, [NotNullWhen(true)] out CvssVector? v, [NotNullWhen(false)] out string? error)
    {
        v = null;
        if (vector is null)
        {
            error = "vector is null";
            return false;
        }

        if (!CvssVectorParser.TryParse(vector, out var parsed, out error))
            return false;

        if (parsed.Version == CvssVersion.V4_0)
        {
            v = new CvssVector(parsed.Version, vector, Cvss4Score.ScoreTenths(parsed.Values));
        }
        else
        {
            var normalized = Normalize(parsed.Version, parsed.Values);
            v = new CvssVector(parsed.Version, normalized, Cvss3Score.BaseScoreTenths(parsed.Values, parsed.Version));
        }
        return true;
    }

    /// <summary>Returns <see cref="Vector"/>.</summary>
    public override string ToString() => Vector;

    private static string Normalize(CvssVersion version, string?[] values)
    {
        var text = new StringBuilder("CVSS:").Append(CvssVectorParser.VersionText(version));
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
                text.Append('/').Append(CvssMetrics.V3[i].Name).Append(':').Append(value);
        }
        return text.ToString();
    }
}
