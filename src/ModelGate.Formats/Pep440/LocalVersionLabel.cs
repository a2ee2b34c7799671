namespace ModelGate.Formats.Pep440;

/// <summary>
/// The local version label after <c>+</c> (PEP 440, Local version identifiers).
/// Grammar (case-insensitive): <c>[a-z0-9]+([-_.][a-z0-9]+)*</c>. Normal form: lowercase, segments joined by
/// <c>.</c> (PEP 440, Local version segments), and segments made only of digits written as integers
/// (PEP 440, Integer normalization; digits inside an alphanumeric segment such as <c>foo0100</c> stay).
/// </summary>
internal static class LocalVersionLabel
{
    private const int StackBufferLimit = 256;

    /// <summary>Checks the label and returns its normal form; on failure <paramref name="errorIndex"/> is the
    /// index in <paramref name="label"/> of the first character that does not fit the grammar.</summary>
    public static bool TryNormalize(ReadOnlySpan<char> label, out string? normalized, out int errorIndex)
    {
        normalized = null;
        errorIndex = Validate(label);
        if (errorIndex >= 0)
            return false;

        if (IsNormalized(label))
        {
            normalized = label.ToString();
            return true;
        }

        var buffer = label.Length <= StackBufferLimit ? stackalloc char[StackBufferLimit] : new char[label.Length];
        var written = 0;
        var start = 0;
        while (start < label.Length)
        {
            var end = start;
            while (end < label.Length && char.IsAsciiLetterOrDigit(label[end]))
                end++;
            var segment = label[start..end];
            if (written > 0)
                buffer[written++] = '.';
            if (IsAllDigits(segment))
            {
                var first = 0;
                while (first < segment.Length - 1 && segment[first] == '0')
                    first++;
                segment[first..].CopyTo(buffer[written..]);
                written += segment.Length - first;
            }
            else
            {
                foreach (var c in segment)
                    buffer[written++] = char.ToLowerInvariant(c);
            }
            start = end + 1;
        }
        normalized = new string(buffer[..written]);
        return true;
    }

    /// <summary>
    /// PEP 440, Local version identifiers: segments compare one by one; all-digit segments compare as
    /// integers and sort after alphanumeric segments, which compare case-insensitively as text; when one
    /// label is a prefix of the other, the one with more segments is greater. No label sorts first.
    /// Both arguments are in normal form.
    /// </summary>
    public static int Compare(string? left, string? right)
    {
        if (ReferenceEquals(left, right))
            return 0;
        if (left is null)
            return -1;
        if (right is null)
            return 1;

        var l = 0;
        var r = 0;
        while (true)
        {
            if (l > left.Length)
                return r > right.Length ? 0 : -1;
            if (r > right.Length)
                return 1;

            var lEnd = SegmentEnd(left, l);
            var rEnd = SegmentEnd(right, r);
            var ls = left.AsSpan(l, lEnd - l);
            var rs = right.AsSpan(r, rEnd - r);
            var lNumeric = IsAllDigits(ls);
            var rNumeric = IsAllDigits(rs);
            int c;
            if (lNumeric && rNumeric)
                c = ls.Length != rs.Length ? ls.Length.CompareTo(rs.Length) : ls.SequenceCompareTo(rs);
            else if (lNumeric)
                return 1;
            else if (rNumeric)
                return -1;
            else
                c = ls.SequenceCompareTo(rs);
            if (c != 0)
                return c < 0 ? -1 : 1;
            l = lEnd + 1;
            r = rEnd + 1;
        }
    }

    private static int SegmentEnd(string label, int start)
    {
        var dot = label.IndexOf('.', start);
        return dot < 0 ? label.Length : dot;
    }

    /// <summary>-1 when the label fits the grammar, else the index of the first offending character.</summary>
    private static int Validate(ReadOnlySpan<char> label)
    {
        var i = 0;
        while (true)
        {
            var segmentStart = i;
            while (i < label.Length && char.IsAsciiLetterOrDigit(label[i]))
                i++;
            if (i == segmentStart)
                return i;
            if (i == label.Length)
                return -1;
            if (label[i] is not ('.' or '-' or '_'))
                return i;
            i++;
        }
    }

    private static bool IsNormalized(ReadOnlySpan<char> label)
    {
        var segmentStart = 0;
        for (var i = 0; i <= label.Length; i++)
        {
            if (i < label.Length)
            {
                var c = label[i];
                if (c is '-' or '_' || char.IsAsciiLetterUpper(c))
                    return false;
                if (c != '.')
                    continue;
            }
            var segment = label[segmentStart..i];
            if (segment.Length > 1 && segment[0] == '0' && IsAllDigits(segment))
                return false;
            segmentStart = i + 1;
        }
        return true;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> segment) => !segment.ContainsAnyExceptInRange('0', '9');
}
