using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;

namespace ModelGate.Formats.Pep440;

/// <summary>
/// A Python package version (PEP 440, as kept in the PyPA "Version specifiers" specification): immutable,
/// ordered and compared per the spec, printed in normal form.
/// <para>
/// <see cref="Parse(string)"/> and <see cref="TryParse(string?, out PythonVersion?)"/> accept only valid
/// versions. <see cref="ParseLenient(string)"/> also accepts any other text as a legacy version: legacy
/// versions sort before every valid version (as if their epoch were -1) and among themselves by the
/// setuptools key used before PEP 440 (see <see cref="LegacyVersionKey"/>).
/// </para>
/// </summary>
public sealed class PythonVersion : IComparable<PythonVersion>, IEquatable<PythonVersion>, ISpanParsable<PythonVersion>
{
    internal const sbyte NoPre = -1;

    // Packed form: a version with epoch 0, release numbers below 2^32 in the first four segments and zero
    // after them, a pre- or post-release number below 2^12 and a development number below 2^34 (enough for
    // ".dev20240101" dates) is held in three integers whose unsigned order is the PEP 440 order.
    // _releaseHigh = r0 << 32 | r1 and _releaseLow = r2 << 32 | r3, padded with zeros; _suffix, from the top:
    // preRank:2 (0 dev-only, 1 pre-release, 2 neither) | preKind:2 | preNumber:12 | hasPost:1 | postNumber:12
    // | noDev:1 | devNumber:34. Whether a version is packed depends only on its value, so equal versions
    // share a form and a hash formula. Other versions keep their numbers in a VersionComponents.
    internal const int PackedReleaseSegments = 4;
    private const int PreRankShift = 62;
    private const int PreKindShift = 60;
    private const int PreNumberShift = 48;
    private const int HasPostShift = 47;
    private const int PostNumberShift = 35;
    private const int NoDevShift = 34;
    private const ulong PreRankPre = 1;
    private const ulong PreRankDevOnly = 0;
    private const ulong PreRankNone = 2;
    private const ulong TwelveBits = (1UL << 12) - 1;
    private const ulong DevBits = (1UL << 34) - 1;
    private const ulong SegmentBits = uint.MaxValue;
    private const ulong FinalSuffix = (PreRankNone << PreRankShift) | (1UL << NoDevShift);

    private static readonly ReadOnlyCollection<BigInteger> EmptyRelease = new([]);

    private readonly string? _original;
    private readonly string? _local;
    private readonly VersionComponents? _components;
    private readonly LegacyVersionKey? _legacyKey;
    private readonly ulong _releaseHigh;
    private readonly ulong _releaseLow;
    private readonly ulong _suffix;
    private readonly byte _releaseLength;
    private string? _normalized;

    private PythonVersion(string? original, ulong releaseHigh, ulong releaseLow, ulong suffix, int releaseLength, string? local)
    {
        _original = original;
        _releaseHigh = releaseHigh;
        _releaseLow = releaseLow;
        _suffix = suffix;
        _releaseLength = (byte)releaseLength;
        _local = local;
    }

    private PythonVersion(string? original, VersionComponents components, string? local)
    {
        _original = original;
        _components = components;
        _local = local;
    }

    private PythonVersion(string original, string legacyText)
    {
        _original = original;
        _normalized = legacyText;
        _suffix = FinalSuffix;
        _legacyKey = LegacyVersionKey.Create(legacyText);
    }

    /// <summary>The text this version was parsed from, exactly as given.</summary>
    public string Original => _original ?? ToString();

    /// <summary>True when the text was not a valid PEP 440 version (only <see cref="ParseLenient"/> makes these).</summary>
    public bool IsLegacy => _legacyKey is not null;

    /// <summary>The epoch (PEP 440, Version epochs); 0 when absent, -1 for a legacy version.</summary>
    public BigInteger Epoch => IsLegacy ? BigInteger.MinusOne : EpochNumber.ToBigInteger();

    /// <summary>The release segment as written, trailing zeros included; empty for a legacy version. Each call
    /// builds a new list.</summary>
    public IReadOnlyList<BigInteger> Release
    {
        get
        {
            if (ReleaseLength == 0)
                return EmptyRelease;
            var values = new BigInteger[ReleaseLength];
            for (var i = 0; i < values.Length; i++)
                values[i] = ReleaseAt(i).ToBigInteger();
            return new ReadOnlyCollection<BigInteger>(values);
        }
    }

    /// <summary>The pre-release segment, if any.</summary>
    public PreRelease? Pre => PreKind == NoPre ? null : new PreRelease((PreReleaseKind)PreKind, PreNumber.ToBigInteger());

    /// <summary>The post-release number, if any (0 for <c>1.0.post</c>).</summary>
    public BigInteger? Post => HasPost ? PostNumber.ToBigInteger() : null;

    /// <summary>The development release number, if any (0 for <c>1.0.dev</c>).</summary>
    public BigInteger? Dev => HasDev ? DevNumber.ToBigInteger() : null;

    /// <summary>The local version label in normal form (lowercase, segments joined by <c>.</c>), if any.</summary>
    public string? Local => _local;

    /// <summary>A pre-release or a development release (Version specifiers spec, Developmental releases:
    /// "development releases are considered a type of pre-release when handling them").</summary>
    public bool IsPrerelease => PreKind != NoPre || HasDev;

    public bool IsPostRelease => HasPost;

    public bool IsDevRelease => HasDev;

    public bool IsLocal => _local is not null;

    /// <summary>This version without its local label.</summary>
    public PythonVersion PublicVersion
    {
        get
        {
            if (_local is null)
                return this;
            return _components is null
                ? new PythonVersion(null, _releaseHigh, _releaseLow, _suffix, _releaseLength, null)
                : new PythonVersion(null, _components, null);
        }
    }

    /// <summary>Epoch and release only.</summary>
    public PythonVersion BaseVersion
    {
        get
        {
            if (IsLegacy || (PreKind == NoPre && !HasPost && !HasDev && _local is null))
                return this;
            if (_components is null)
                return new PythonVersion(null, _releaseHigh, _releaseLow, FinalSuffix, _releaseLength, null);
            return Create(null, _components.Epoch, _components.Release, NoPre, default, false, default, false, default, null);
        }
    }

    internal VersionNumber EpochNumber => _components?.Epoch ?? VersionNumber.Zero;

    internal int ReleaseLength => _components?.Release.Length ?? _releaseLength;

    internal VersionNumber ReleaseAt(int index) =>
        _components is not null ? _components.Release[index] : VersionNumber.FromUInt64(PackedSegment(index));

    internal sbyte PreKind
    {
        get
        {
            if (_components is not null)
                return _components.PreKind;
            return (_suffix >> PreRankShift) == PreRankPre ? (sbyte)((_suffix >> PreKindShift) & 3) : NoPre;
        }
    }

    internal VersionNumber PreNumber =>
        _components?.Pre ?? VersionNumber.FromUInt64((_suffix >> PreNumberShift) & TwelveBits);

    internal bool HasPost => _components?.HasPost ?? ((_suffix >> HasPostShift) & 1) != 0;

    internal VersionNumber PostNumber =>
        _components?.Post ?? VersionNumber.FromUInt64((_suffix >> PostNumberShift) & TwelveBits);

    internal bool HasDev => _components?.HasDev ?? ((_suffix >> NoDevShift) & 1) == 0;

    internal VersionNumber DevNumber => _components?.Dev ?? VersionNumber.FromUInt64(_suffix & DevBits);

    private int SignificantLength
    {
        get
        {
            if (_components is not null)
                return _components.SignificantLength;
            if ((_releaseLow & SegmentBits) != 0)
                return 4;
            if (_releaseLow != 0)
                return 3;
            if ((_releaseHigh & SegmentBits) != 0)
                return 2;
            return _releaseHigh != 0 ? 1 : 0;
        }
    }

    private ulong PackedSegment(int index) => index switch
    {
        0 => _releaseHigh >> 32,
        1 => _releaseHigh & SegmentBits,
        2 => _releaseLow >> 32,
        3 => _releaseLow & SegmentBits,
        _ => 0,
    };

    /// <summary>Builds a valid version in packed form when its numbers allow, else with its components.
    /// <paramref name="head"/> holds the first (up to four) release numbers; <paramref name="release"/> gives
    /// all of them, as numbers or as the release text (<c>N(.N)*</c>) when <paramref name="releaseNumbers"/> is
    /// null.</summary>
    internal static PythonVersion Create(
        string? original, VersionNumber epoch, ReadOnlySpan<VersionNumber> head, int releaseLength, bool tailIsZero,
        ReadOnlySpan<char> releaseText, VersionNumber[]? releaseNumbers, sbyte preKind, VersionNumber pre,
        bool hasPost, VersionNumber post, bool hasDev, VersionNumber dev, string? local)
    {
        if (TryPack(epoch, head, tailIsZero, preKind, pre, hasPost, post, hasDev, dev, out var high, out var low, out var suffix))
            return new PythonVersion(original, high, low, suffix, releaseLength, local);

        var release = releaseNumbers ?? ParseRelease(releaseText, releaseLength);
        return new PythonVersion(original, new VersionComponents(epoch, release, preKind, pre, hasPost, post, hasDev, dev), local);
    }

    private static PythonVersion Create(
        string? original, VersionNumber epoch, VersionNumber[] release, sbyte preKind, VersionNumber pre,
        bool hasPost, VersionNumber post, bool hasDev, VersionNumber dev, string? local)
    {
        var tailIsZero = true;
        for (var i = PackedReleaseSegments; i < release.Length; i++)
            tailIsZero &= release[i].IsZero;
        var head = release.AsSpan(0, Math.Min(release.Length, PackedReleaseSegments));
        return Create(original, epoch, head, release.Length, tailIsZero, default, release, preKind, pre, hasPost, post, hasDev, dev, local);
    }

    private static bool TryPack(
        VersionNumber epoch, ReadOnlySpan<VersionNumber> head, bool tailIsZero, sbyte preKind, VersionNumber pre,
        bool hasPost, VersionNumber post, bool hasDev, VersionNumber dev, out ulong high, out ulong low, out ulong suffix)
    {
        high = low = suffix = 0;
        if (!epoch.IsZero || !tailIsZero)
            return false;
        for (var i = 0; i < head.Length; i++)
        {
            if (!head[i].TryGetUInt64(out var segment) || segment > SegmentBits)
                return false;
            switch (i)
            {
                case 0: high = segment << 32; break;
                case 1: high |= segment; break;
                case 2: low = segment << 32; break;
                default: low |= segment; break;
            }
        }

        ulong preRank = PreRankNone, kind = 0, preNumber = 0, postFlag = 0, postNumber = 0, noDev = 1, devNumber = 0;
        if (preKind != NoPre)
        {
            if (!pre.TryGetUInt64(out preNumber) || preNumber > TwelveBits)
                return false;
            preRank = PreRankPre;
            kind = (ulong)preKind;
        }
        else if (hasDev && !hasPost)
        {
            preRank = PreRankDevOnly;
        }
        if (hasPost)
        {
            if (!post.TryGetUInt64(out postNumber) || postNumber > TwelveBits)
                return false;
            postFlag = 1;
        }
        if (hasDev)
        {
            if (!dev.TryGetUInt64(out devNumber) || devNumber > DevBits)
                return false;
            noDev = 0;
        }
        suffix = (preRank << PreRankShift) | (kind << PreKindShift) | (preNumber << PreNumberShift)
            | (postFlag << HasPostShift) | (postNumber << PostNumberShift) | (noDev << NoDevShift) | devNumber;
        return true;
    }

    private static VersionNumber[] ParseRelease(ReadOnlySpan<char> text, int count)
    {
        var release = new VersionNumber[count];
        var i = 0;
        foreach (var range in text.Split('.'))
            release[i++] = VersionNumber.FromDigits(text[range]);
        return release;
    }

    /// <summary>Parses a valid PEP 440 version.</summary>
    /// <exception cref="MalformedDataException">The text is not a valid version.</exception>
    public static PythonVersion Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var error = VersionParser.TryParse(s, s, out var version, out var index);
        return error == VersionParseError.None ? version! : throw Pep440Errors.InvalidVersion(s, error, index);
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static PythonVersion Parse(ReadOnlySpan<char> s)
    {
        var error = VersionParser.TryParse(s, null, out var version, out var index);
        return error == VersionParseError.None ? version! : throw Pep440Errors.InvalidVersion(s, error, index);
    }

    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out PythonVersion? version)
    {
        if (s is null)
        {
            version = null;
            return false;
        }
        return VersionParser.TryParse(s, s, out version, out _) == VersionParseError.None;
    }

    public static bool TryParse(ReadOnlySpan<char> s, [NotNullWhen(true)] out PythonVersion? version) =>
        VersionParser.TryParse(s, null, out version, out _) == VersionParseError.None;

    /// <summary>
    /// Parses any non-empty text: a valid PEP 440 version as <see cref="Parse(string)"/> does, anything else as a
    /// legacy version (<see cref="IsLegacy"/>).
    /// </summary>
    /// <exception cref="MalformedDataException">The text is empty or whitespace, longer than
    /// <see cref="ReaderLimits.MaxRequirementLength"/>, or has more than <see cref="ReaderLimits.MaxReleaseSegments"/>
    /// release segments.</exception>
    public static PythonVersion ParseLenient(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var error = VersionParser.TryParse(s, s, out var version, out var index);
        return error switch
        {
            VersionParseError.None => version!,
            VersionParseError.Empty or VersionParseError.TooLong or VersionParseError.TooManyReleaseSegments =>
                throw Pep440Errors.InvalidVersion(s, error, index),
            _ => new PythonVersion(s, VersionParser.TrimWhitespace(s).ToString()),
        };
    }

    static PythonVersion IParsable<PythonVersion>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<PythonVersion>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out PythonVersion result) =>
        TryParse(s, out result);

    static PythonVersion ISpanParsable<PythonVersion>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    static bool ISpanParsable<PythonVersion>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out PythonVersion result) =>
        TryParse(s, out result);

    /// <summary>
    /// Orders per PEP 440 (Summary of permitted suffixes and relative ordering): epoch; release, padded with
    /// zeros; then <c>.devN</c> &lt; <c>aN</c> &lt; <c>bN</c> &lt; <c>rcN</c> &lt; no suffix &lt; <c>.postN</c>, with
    /// <c>.devN</c> before the version it is a development release of; then no local label &lt; local label.
    /// Legacy versions come before all valid ones. A null version comes first.
    /// </summary>
    public int CompareTo(PythonVersion? other)
    {
        if (ReferenceEquals(this, other))
            return 0;
        if (other is null)
            return 1;
        if (_legacyKey is not null || other._legacyKey is not null)
        {
            if (_legacyKey is null)
                return 1;
            if (other._legacyKey is null)
                return -1;
            return _legacyKey.CompareTo(other._legacyKey);
        }
        var c = ComparePublic(other);
        return c != 0 ? c : LocalVersionLabel.Compare(_local, other._local);
    }

    /// <summary>Ordering without the local labels (both versions valid).</summary>
    internal int ComparePublic(PythonVersion other)
    {
        if (_components is null && other._components is null)
        {
            if (_releaseHigh != other._releaseHigh)
                return _releaseHigh < other._releaseHigh ? -1 : 1;
            if (_releaseLow != other._releaseLow)
                return _releaseLow < other._releaseLow ? -1 : 1;
            if (_suffix != other._suffix)
                return _suffix < other._suffix ? -1 : 1;
            return 0;
        }

        var c = EpochNumber.CompareTo(other.EpochNumber);
        if (c != 0)
            return c;
        c = CompareRelease(other);
        if (c != 0)
            return c;

        // A development release with no pre- or post-release sorts before every pre-release; a version
        // without a pre-release after all of them.
        c = PreRank.CompareTo(other.PreRank);
        if (c != 0)
            return c;
        var preKind = PreKind;
        if (preKind != NoPre)
        {
            c = preKind.CompareTo(other.PreKind);
            if (c != 0)
                return c;
            c = PreNumber.CompareTo(other.PreNumber);
            if (c != 0)
                return c;
        }

        // No post-release sorts before any.
        var hasPost = HasPost;
        if (hasPost != other.HasPost)
            return hasPost ? 1 : -1;
        if (hasPost)
        {
            c = PostNumber.CompareTo(other.PostNumber);
            if (c != 0)
                return c;
        }

        // No development release sorts after any.
        var hasDev = HasDev;
        if (hasDev != other.HasDev)
            return hasDev ? -1 : 1;
        return hasDev ? DevNumber.CompareTo(other.DevNumber) : 0;
    }

    /// <summary>Release segments compared with the shorter padded by zeros (PEP 440, Final releases).</summary>
    internal int CompareRelease(PythonVersion other)
    {
        if (_components is null && other._components is null)
        {
            if (_releaseHigh != other._releaseHigh)
                return _releaseHigh < other._releaseHigh ? -1 : 1;
            return _releaseLow == other._releaseLow ? 0 : _releaseLow < other._releaseLow ? -1 : 1;
        }
        var length = SignificantLength;
        var otherLength = other.SignificantLength;
        for (var i = 0; i < Math.Max(length, otherLength); i++)
        {
            var left = i < length ? ReleaseAt(i) : VersionNumber.Zero;
            var right = i < otherLength ? other.ReleaseAt(i) : VersionNumber.Zero;
            var c = left.CompareTo(right);
            if (c != 0)
                return c;
        }
        return 0;
    }

    /// <summary>Same epoch and the same release after zero padding (packaging's <c>base_version</c> equality).</summary>
    internal bool BaseEquals(PythonVersion other) => EpochNumber == other.EpochNumber && CompareRelease(other) == 0;

    internal bool SamePre(PythonVersion other)
    {
        var kind = PreKind;
        return kind == other.PreKind && (kind == NoPre || PreNumber == other.PreNumber);
    }

    internal bool SamePost(PythonVersion other)
    {
        var hasPost = HasPost;
        return hasPost == other.HasPost && (!hasPost || PostNumber == other.PostNumber);
    }

    private int PreRank => PreKind != NoPre ? 1 : !HasPost && HasDev ? 0 : 2;

    public bool Equals(PythonVersion? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is null)
            return false;
        if (_legacyKey is not null || other._legacyKey is not null)
            return _legacyKey is not null && _legacyKey.Equals(other._legacyKey);
        return ComparePublic(other) == 0 && string.Equals(_local, other._local, StringComparison.Ordinal);
    }

    public override bool Equals(object? obj) => Equals(obj as PythonVersion);

    /// <summary>Equal versions hash alike: trailing zeros of the release and implicit numbers do not count.</summary>
    public override int GetHashCode()
    {
        if (_legacyKey is not null)
            return _legacyKey.GetHashCode();
        var hash = new HashCode();
        if (_components is null)
        {
            hash.Add(_releaseHigh);
            hash.Add(_releaseLow);
            hash.Add(_suffix);
        }
        else
        {
            hash.Add(_components.Epoch);
            for (var i = 0; i < _components.SignificantLength; i++)
                hash.Add(_components.Release[i]);
            hash.Add(_components.PreKind);
            hash.Add(_components.Pre);
            hash.Add(_components.HasPost);
            hash.Add(_components.Post);
            hash.Add(_components.HasDev);
            hash.Add(_components.Dev);
        }
        if (_local is not null)
            hash.Add(_local, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    /// <summary>
    /// The normal form (PEP 440, Normalization): <c>[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]</c>, lowercase,
    /// epoch 0 omitted, integers without leading zeros, implicit numbers written as 0. For a legacy version,
    /// the text with surrounding whitespace removed.
    /// </summary>
    public override string ToString() => _normalized ??= Normalize();

    private string Normalize()
    {
        var sb = new StringBuilder(16);
        var epoch = EpochNumber;
        if (!epoch.IsZero)
        {
            epoch.AppendTo(sb);
            sb.Append('!');
        }
        for (var i = 0; i < ReleaseLength; i++)
        {
            if (i > 0)
                sb.Append('.');
            ReleaseAt(i).AppendTo(sb);
        }
        var preKind = PreKind;
        if (preKind != NoPre)
        {
            sb.Append(PreRelease.Label((PreReleaseKind)preKind));
            PreNumber.AppendTo(sb);
        }
        if (HasPost)
        {
            sb.Append(".post");
            PostNumber.AppendTo(sb);
        }
        if (HasDev)
        {
            sb.Append(".dev");
            DevNumber.AppendTo(sb);
        }
        if (_local is not null)
            sb.Append('+').Append(_local);
        var normalized = sb.ToString();
        return _original is not null && normalized.Equals(_original, StringComparison.Ordinal) ? _original : normalized;
    }

    public static bool operator ==(PythonVersion? left, PythonVersion? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(PythonVersion? left, PythonVersion? right) => !(left == right);

    public static bool operator <(PythonVersion? left, PythonVersion? right) => Compare(left, right) < 0;

    public static bool operator <=(PythonVersion? left, PythonVersion? right) => Compare(left, right) <= 0;

    public static bool operator >(PythonVersion? left, PythonVersion? right) => Compare(left, right) > 0;

    public static bool operator >=(PythonVersion? left, PythonVersion? right) => Compare(left, right) >= 0;

    private static int Compare(PythonVersion? left, PythonVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
