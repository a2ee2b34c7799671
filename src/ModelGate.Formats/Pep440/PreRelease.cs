using System.Globalization;
using System.Numerics;

namespace ModelGate.Formats.Pep440;

/// <summary>The pre-release segment <c>{a|b|rc}N</c> of a version (PEP 440, Pre-releases).</summary>
/// <param name="Kind">The phase.</param>
/// <param name="Number">The number within the phase; 0 when the version omits it (PEP 440, Implicit
/// pre-release number).</param>
public readonly record struct PreRelease(PreReleaseKind Kind, BigInteger Number)
{
    /// <summary>The normalized spelling, for example <c>a1</c> or <c>rc0</c>.</summary>
    public override string ToString() => Label(Kind) + Number.ToString(CultureInfo.InvariantCulture);

    internal static string Label(PreReleaseKind kind) => kind switch
    {
        PreReleaseKind.Alpha => "a",
        PreReleaseKind.Beta => "b",
        _ => "rc",
    };
}
