using ModelGate.Formats.Cvss;

namespace ModelGate.Formats.Tests.Cvss;

/// <summary>The qualitative severity rating scale (v3.1 section 5, v4.0 section 6), written out independently of
/// the code under test.</summary>
internal static class CvssSeverityBands
{
    public static CvssSeverity For(double score) => score switch
    {
        0.0 => CvssSeverity.None,
        >= 0.1 and <= 3.9 => CvssSeverity.Low,
        >= 4.0 and <= 6.9 => CvssSeverity.Medium,
        >= 7.0 and <= 8.9 => CvssSeverity.High,
        >= 9.0 and <= 10.0 => CvssSeverity.Critical,
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "not a CVSS score"),
    };
}
