namespace ModelGate.Formats.Cvss;

/// <summary>The CVSS specification a vector string names in its prefix (<c>CVSS:3.0/</c>, <c>CVSS:3.1/</c>,
/// <c>CVSS:4.0/</c>).</summary>
public enum CvssVersion
{
    /// <summary>CVSS v3.0 (FIRST, June 2015).</summary>
    V3_0,

    /// <summary>CVSS v3.1 (FIRST, June 2019).</summary>
    V3_1,

    /// <summary>CVSS v4.0 (FIRST, November 2023).</summary>
    V4_0,
}
