namespace ModelGate.Formats.Pep440;

/// <summary>
/// The segments of a version whose numbers do not fit <see cref="PythonVersion"/>'s packed form (a non-zero
/// epoch, a release number of 2^32 or more or past the fourth segment, or large pre/post/dev numbers).
/// </summary>
internal sealed class VersionComponents
{
    public VersionComponents(
        VersionNumber epoch, VersionNumber[] release, sbyte preKind, VersionNumber pre,
        bool hasPost, VersionNumber post, bool hasDev, VersionNumber dev)
    {
        Epoch = epoch;
        Release = release;
        var significant = release.Length;
        while (significant > 0 && release[significant - 1].IsZero)
            significant--;
        SignificantLength = significant;
        PreKind = preKind;
        Pre = preKind == PythonVersion.NoPre ? VersionNumber.Zero : pre;
        HasPost = hasPost;
        Post = hasPost ? post : VersionNumber.Zero;
        HasDev = hasDev;
        Dev = hasDev ? dev : VersionNumber.Zero;
    }

    public VersionNumber Epoch { get; }

    /// <summary>As written, trailing zeros included.</summary>
    public VersionNumber[] Release { get; }

    /// <summary>Length of <see cref="Release"/> without its trailing zeros.</summary>
    public int SignificantLength { get; }

    public sbyte PreKind { get; }

    public VersionNumber Pre { get; }

    public bool HasPost { get; }

    public VersionNumber Post { get; }

    public bool HasDev { get; }

    public VersionNumber Dev { get; }
}
