namespace ModelGate.Formats.Pep440;

/// <summary>
/// Sort key for strings that are not PEP 440 versions, as setuptools computed it before PEP 440
/// (<c>pkg_resources.parse_version</c>, later <c>packaging.version.LegacyVersion</c>).
/// The lowercased text is cut into runs of ASCII digits, runs of ASCII letters, <c>.</c>, <c>-</c>, and runs
/// of anything else. Dots are dropped; <c>-</c> becomes <c>final-</c>; the words <c>pre</c>, <c>preview</c>
/// and <c>rc</c> become <c>c</c> and <c>dev</c> becomes <c>@</c>. Digit runs are left-padded with zeros to
/// eight characters; every other part is prefixed with <c>*</c>, and <c>*final</c> closes the list. Before
/// a <c>*</c> part is added, trailing <c>00000000</c> parts are removed, and before a part that sorts below
/// <c>*final</c> (a pre-release word) trailing <c>*final-</c> parts are removed too. Keys compare part by
/// part as ordinal strings, a shorter key that is a prefix of a longer one first.
/// Unlike Python's <c>\d</c>, only ASCII digits count as digits here.
/// </summary>
internal sealed class LegacyVersionKey : IEquatable<LegacyVersionKey>, IComparable<LegacyVersionKey>
{
    private const string Final = "*final";
    private const string FinalDash = "*final-";
    private const string PaddedZero = "00000000";
    private const int NumericWidth = 8;

    private readonly string[] _parts;

    private LegacyVersionKey(string[] parts) => _parts = parts;

    public static LegacyVersionKey Create(ReadOnlySpan<char> text)
    {
        var lower = text.ToString().ToLowerInvariant();
        var parts = new List<string>();
        var i = 0;
        while (i < lower.Length)
        {
            var start = i;
            var c = lower[i];
            string part;
            if (char.IsAsciiDigit(c))
            {
                while (i < lower.Length && char.IsAsciiDigit(lower[i]))
                    i++;
                var digits = lower[start..i];
                part = digits.Length < NumericWidth ? digits.PadLeft(NumericWidth, '0') : digits;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                while (i < lower.Length && char.IsAsciiLetterLower(lower[i]))
                    i++;
                var word = lower[start..i];
                part = "*" + (word switch
                {
                    "pre" or "preview" or "rc" => "c",
                    "dev" => "@",
                    _ => word,
                });
            }
            else if (c == '.')
            {
                i++;
                continue;
            }
            else if (c == '-')
            {
                i++;
                part = FinalDash;
            }
            else
            {
                while (i < lower.Length && !IsTokenStart(lower[i]))
                    i++;
                part = "*" + lower[start..i];
            }
            Add(parts, part);
        }
        Add(parts, Final);
        return new LegacyVersionKey([.. parts]);
    }

    private static bool IsTokenStart(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c is '.' or '-';

    private static void Add(List<string> parts, string part)
    {
        if (part[0] == '*')
        {
            if (string.CompareOrdinal(part, Final) < 0)
            {
                while (parts.Count > 0 && parts[^1] == FinalDash)
                    parts.RemoveAt(parts.Count - 1);
            }
            while (parts.Count > 0 && parts[^1] == PaddedZero)
                parts.RemoveAt(parts.Count - 1);
        }
        parts.Add(part);
    }

    public int CompareTo(LegacyVersionKey? other)
    {
        if (other is null)
            return 1;
        var n = Math.Min(_parts.Length, other._parts.Length);
        for (var i = 0; i < n; i++)
        {
            var c = string.CompareOrdinal(_parts[i], other._parts[i]);
            if (c != 0)
                return c < 0 ? -1 : 1;
        }
        return _parts.Length.CompareTo(other._parts.Length);
    }

    public bool Equals(LegacyVersionKey? other) => other is not null && _parts.AsSpan().SequenceEqual(other._parts);

    public override bool Equals(object? obj) => Equals(obj as LegacyVersionKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in _parts)
            hash.Add(part, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(",", _parts);
}
