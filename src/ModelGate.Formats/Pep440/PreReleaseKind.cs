namespace ModelGate.Formats.Pep440;

/// <summary>
/// The phase of a pre-release (PEP 440, Pre-releases), in the order the phases sort: alpha, beta, release
/// candidate. The spellings <c>alpha</c>, <c>beta</c>, <c>c</c>, <c>pre</c> and <c>preview</c> are
/// alternatives for <c>a</c>, <c>b</c>, <c>rc</c>, <c>rc</c> and <c>rc</c> (PEP 440, Pre-release spelling).
/// </summary>
public enum PreReleaseKind
{
    /// <summary><c>a</c>.</summary>
    Alpha = 0,

    /// <summary><c>b</c>.</summary>
    Beta = 1,

    /// <summary><c>rc</c>, also written <c>c</c>, <c>pre</c> or <c>preview</c>.</summary>
    ReleaseCandidate = 2,
}
