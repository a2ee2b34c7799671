using System.Globalization;
using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ModelGate.Formats.Tests.Pep440;

/// <summary>The components of a version, generated directly, with the spec's ordering as an oracle.</summary>
public sealed record VersionParts(
    BigInteger Epoch, BigInteger[] Release, int PreKind, BigInteger Pre, BigInteger? Post, BigInteger? Dev, string[]? Local)
{
    private static readonly string[] PreLabels = ["a", "b", "rc"];

    /// <summary>The normal form, built from the components: [E!]R[{a|b|rc}N][.postN][.devN][+local].</summary>
    public string Canonical()
    {
        var sb = new StringBuilder();
        if (!Epoch.IsZero)
            sb.Append(Epoch.ToString(CultureInfo.InvariantCulture)).Append('!');
        sb.AppendJoin('.', Release.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        if (PreKind >= 0)
            sb.Append(PreLabels[PreKind]).Append(Pre.ToString(CultureInfo.InvariantCulture));
        if (Post is { } post)
            sb.Append(".post").Append(post.ToString(CultureInfo.InvariantCulture));
        if (Dev is { } dev)
            sb.Append(".dev").Append(dev.ToString(CultureInfo.InvariantCulture));
        if (Local is not null)
            sb.Append('+').AppendJoin('.', Local);
        return sb.ToString();
    }

    public bool IsPrerelease => PreKind >= 0 || Dev is not null;

    public override string ToString() => Canonical();

    /// <summary>
    /// Reference ordering written from the spec's "Summary of permitted suffixes and relative ordering":
    /// epoch; release padded with zeros; a dev-only release before any pre-release, a pre-release (phase,
    /// number), then no pre-release; no post before any post; any dev before no dev; no local before any
    /// local, local segments numeric above alphanumeric.
    /// </summary>
    public static int ReferenceCompare(VersionParts x, VersionParts y)
    {
        var c = x.Epoch.CompareTo(y.Epoch);
        if (c != 0)
            return Math.Sign(c);
        for (var i = 0; i < Math.Max(x.Release.Length, y.Release.Length); i++)
        {
            c = (i < x.Release.Length ? x.Release[i] : 0).CompareTo(i < y.Release.Length ? y.Release[i] : 0);
            if (c != 0)
                return Math.Sign(c);
        }
        var preX = (Rank: PreRank(x), Kind: x.PreKind, Number: x.PreKind >= 0 ? x.Pre : BigInteger.Zero);
        var preY = (Rank: PreRank(y), Kind: y.PreKind, Number: y.PreKind >= 0 ? y.Pre : BigInteger.Zero);
        c = preX.CompareTo(preY);
        if (c != 0)
            return Math.Sign(c);
        c = (x.Post is null ? -1 : 0, x.Post ?? 0).CompareTo((y.Post is null ? -1 : 0, y.Post ?? 0));
        if (c != 0)
            return Math.Sign(c);
        c = (x.Dev is null ? 1 : 0, x.Dev ?? 0).CompareTo((y.Dev is null ? 1 : 0, y.Dev ?? 0));
        if (c != 0)
            return Math.Sign(c);
        return CompareLocal(x.Local, y.Local);
    }

    private static int PreRank(VersionParts v) => v.PreKind >= 0 ? 1 : v.Post is null && v.Dev is not null ? 0 : 2;

    private static int CompareLocal(string[]? x, string[]? y)
    {
        if (x is null || y is null)
            return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var xNumeric = x[i].All(char.IsAsciiDigit);
            var yNumeric = y[i].All(char.IsAsciiDigit);
            var c = (xNumeric, yNumeric) switch
            {
                (true, true) => BigInteger.Parse(x[i], CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(y[i], CultureInfo.InvariantCulture)),
                (true, false) => 1,
                (false, true) => -1,
                _ => string.CompareOrdinal(x[i], y[i]),
            };
            if (c != 0)
                return Math.Sign(c);
        }
        return x.Length.CompareTo(y.Length);
    }
}

/// <summary>Two versions, the second often a neighbour of the first.</summary>
public sealed record VersionPair(VersionParts X, VersionParts Y);

/// <summary>Three versions, each often a neighbour of the one before.</summary>
public sealed record VersionTriple(VersionParts X, VersionParts Y, VersionParts Z);

/// <summary>A version's components and one of its many permitted spellings.</summary>
public sealed record SpelledVersion(VersionParts Parts, string Text)
{
    public override string ToString() => $"'{Text}' ({Parts})";
}

/// <summary>Two spelled versions, the second often a neighbour of the first.</summary>
public sealed record SpelledPair(SpelledVersion X, SpelledVersion Y);

/// <summary>FsCheck generators for versions, spellings and near-valid garbage.</summary>
public static class Pep440Arbitraries
{
    private static readonly string[] LocalSegments = ["a", "b", "ubuntu", "0", "1", "2", "10", "abc1", "x9"];

    private static readonly BigInteger Huge = BigInteger.Pow(10, 20);

    /// <summary>Values at the edges of the packed form: 2^12, 2^32 and 2^34 (see PythonVersion), and 2^64.</summary>
    private static readonly BigInteger[] Edges =
    [
        4095, 4096, uint.MaxValue, (BigInteger)uint.MaxValue + 1, (1L << 34) - 1, 1L << 34,
        ulong.MaxValue, (BigInteger)ulong.MaxValue + 1,
    ];

    /// <summary>Small numbers, so equal and neighbouring versions are common; sometimes large ones.</summary>
    public static Gen<BigInteger> Number =>
        Gen.Frequency(
            (12, Gen.Choose(0, 3).Select(n => new BigInteger(n))),
            (1, Gen.Elements(Edges)),
            (1, Gen.Choose(0, 2).Select(n => Huge + n)));

    public static Gen<VersionParts> Parts =>
        from epoch in Gen.Frequency((8, Gen.Constant(BigInteger.Zero)), (1, Number))
        from releaseLength in Gen.Choose(1, 4)
        from release in Gen.ArrayOf(Number, releaseLength)
        from preKind in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Choose(0, 2)))
        from pre in Number
        from post in Gen.Frequency((2, Gen.Constant<BigInteger?>(null)), (1, Number.Select(n => (BigInteger?)n)))
        from dev in Gen.Frequency((2, Gen.Constant<BigInteger?>(null)), (1, Number.Select(n => (BigInteger?)n)))
        from local in Local
        select new VersionParts(epoch, release, preKind, pre, post, dev, local);

    private static Gen<string[]?> Local =>
        from length in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from segments in Gen.ArrayOf(Gen.Elements(LocalSegments), length)
        select length == 0 ? null : segments;

    /// <summary>A version close to <paramref name="x"/>: one component changed, or the release padded or
    /// trimmed by a zero, so equal and adjacent versions are frequent.</summary>
    public static Gen<VersionParts> Neighbour(VersionParts x) =>
        Gen.OneOf(
            Gen.Constant(x),
            Gen.Constant(x with { Release = [.. x.Release, 0] }),
            Gen.Constant(x.Release.Length > 1 && x.Release[^1].IsZero ? x with { Release = x.Release[..^1] } : x),
            Number.Select(n => x with { Release = [.. x.Release[..^1], n] }),
            Number.Select(n => x with { Epoch = n }),
            from kind in Gen.Choose(-1, 2) from n in Number select x with { PreKind = kind, Pre = n },
            Gen.Frequency((1, Gen.Constant<BigInteger?>(null)), (2, Number.Select(n => (BigInteger?)n))).Select(n => x with { Post = n }),
            Gen.Frequency((1, Gen.Constant<BigInteger?>(null)), (2, Number.Select(n => (BigInteger?)n))).Select(n => x with { Dev = n }),
            Local.Select(local => x with { Local = local }));

    private static Gen<VersionParts> Near(VersionParts x) =>
        Gen.Frequency((1, Parts), (4, Neighbour(x).SelectMany(Neighbour)));

    public static Arbitrary<VersionParts> VersionParts() => Arb.From(Parts);

    public static Arbitrary<VersionPair> VersionPair() =>
        Arb.From(from x in Parts from y in Near(x) select new VersionPair(x, y));

    public static Arbitrary<VersionTriple> VersionTriple() =>
        Arb.From(from x in Parts from y in Near(x) from z in Near(y) select new VersionTriple(x, y, z));

    public static Arbitrary<SpelledVersion> SpelledVersion() =>
        Arb.From(
            from parts in Parts
            from seed in Gen.Choose(0, int.MaxValue)
            select new SpelledVersion(parts, Spell(parts, new Random(seed))));

    public static Arbitrary<SpelledPair> SpelledPair() =>
        Arb.From(
            from x in Parts
            from y in Near(x)
            from seed in Gen.Choose(0, int.MaxValue)
            let random = new Random(seed)
            select new SpelledPair(new SpelledVersion(x, Spell(x, random)), new SpelledVersion(y, Spell(y, random))));

    /// <summary>Strings over the characters versions and specifiers are made of, plus a few foreign ones;
    /// half of them are valid versions with one character inserted, replaced or removed.</summary>
    public static Arbitrary<string> String()
    {
        const string alphabet = "0123456789.!+-_*,;=<>~() abcdeilmnoprstvwxyzABCPRV\t\n\u00e9\u0663\uff11\u00a0";
        var random =
            from length in Gen.Choose(0, 24)
            from chars in Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), length)
            select new string(chars);
        var mutated =
            from parts in Parts
            from op in Gen.Choose(0, 2)
            from position in Gen.Choose(0, 1000)
            from c in Gen.Elements(alphabet.ToCharArray())
            from prefix in Gen.Elements("", "", ">=", "==", "~=", "!=", "===", "<", "> ", "==v")
            select prefix + Mutate(parts.Canonical(), op, position, c);
        return Arb.From(Gen.OneOf(random, mutated));
    }

    private static string Mutate(string text, int op, int position, char c)
    {
        var at = position % (text.Length + 1);
        return op switch
        {
            0 => text.Insert(at, c.ToString()),
            1 when at < text.Length => text.Remove(at, 1).Insert(at, c.ToString()),
            _ when at < text.Length => text.Remove(at, 1),
            _ => text + c,
        };
    }

    /// <summary>
    /// One spelling the spec's Normalization section permits for <paramref name="parts"/>: case, leading zeros,
    /// a leading v, alternative pre- and post-release words, the separators . - _ or none, implicit numbers,
    /// the implicit post-release "-N", local separators, surrounding whitespace.
    /// </summary>
    public static string Spell(VersionParts parts, Random r)
    {
        string Pick(params string[] options) => options[r.Next(options.Length)];
        string Num(BigInteger n) => (r.Next(4) == 0 ? new string('0', r.Next(1, 3)) : "") + n.ToString(CultureInfo.InvariantCulture);
        string Sep() => Pick("", ".", "-", "_");
        string Case(string s) => r.Next(3) == 0 ? s.ToUpperInvariant() : s;

        var sb = new StringBuilder();
        sb.Append(Pick("", "", "", " ", "\t", "\n "));
        sb.Append(Pick("", "", "v", "V"));
        if (!parts.Epoch.IsZero || r.Next(4) == 0)
            sb.Append(Num(parts.Epoch)).Append('!');
        sb.AppendJoin('.', parts.Release.Select(Num));

        // "1.0a" followed by "-1" would read as "1.0a1": the implicit post-release form needs the
        // pre-release to end in a digit or a separator.
        var preEndsInLetter = false;
        if (parts.PreKind >= 0)
        {
            var label = parts.PreKind switch
            {
                0 => Pick("a", "alpha"),
                1 => Pick("b", "beta"),
                _ => Pick("rc", "c", "pre", "preview"),
            };
            sb.Append(Sep()).Append(Case(label));
            var sep = Sep();
            sb.Append(sep);
            var omit = parts.Pre.IsZero && r.Next(2) == 0;
            if (!omit)
                sb.Append(Num(parts.Pre));
            preEndsInLetter = omit && sep.Length == 0;
        }
        if (parts.Post is { } post)
        {
            if (!preEndsInLetter && r.Next(3) == 0)
            {
                sb.Append('-').Append(Num(post));
            }
            else
            {
                sb.Append(Sep()).Append(Case(Pick("post", "rev", "r"))).Append(Sep());
                if (!post.IsZero || r.Next(2) == 0)
                    sb.Append(Num(post));
            }
        }
        if (parts.Dev is { } dev)
        {
            sb.Append(Sep()).Append(Case("dev")).Append(Sep());
            if (!dev.IsZero || r.Next(2) == 0)
                sb.Append(Num(dev));
        }
        if (parts.Local is not null)
        {
            sb.Append('+');
            for (var i = 0; i < parts.Local.Length; i++)
            {
                if (i > 0)
                    sb.Append(Pick(".", "-", "_"));
                var segment = parts.Local[i];
                sb.Append(segment.All(char.IsAsciiDigit) ? Num(BigInteger.Parse(segment, CultureInfo.InvariantCulture)) : Case(segment));
            }
        }
        sb.Append(Pick("", "", "", " ", "\r\n", "\f\v"));
        return sb.ToString();
    }
}
