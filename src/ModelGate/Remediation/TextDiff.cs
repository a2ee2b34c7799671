using System.Globalization;
using System.Text;

namespace ModelGate.Remediation;

/// <summary>
/// Unified diffs (the format of GNU diff <c>-u</c> and <c>git diff</c>) between two versions of a text file,
/// for <c>--dry-run</c>. Lines compare with their terminators, and each line is written with its own
/// terminator, so a CRLF file gives a CRLF patch that <c>git apply</c> and <c>patch</c> accept; a last line
/// without a terminator is followed by <c>\ No newline at end of file</c>.
/// </summary>
internal static class TextDiff
{
    /// <summary>Beyond this many lines on either side, or this many changed lines, the diff is one hunk replacing the whole file.</summary>
    public const int MaxLines = 20_000;

    public const int MaxEditDistance = 2_000;

    private const string NoNewline = "\\ No newline at end of file\n";

    /// <summary>The diff of <paramref name="before"/> to <paramref name="after"/>, empty when they are equal.</summary>
    public static string UnifiedDiff(string path, string before, string after, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        if (string.Equals(before, after, StringComparison.Ordinal))
            return string.Empty;
        var a = SplitLines(before);
        var b = SplitLines(after);
        var ops = Diff(a, b);
        var sb = new StringBuilder();
        sb.Append("--- a/").Append(path).Append('\n');
        sb.Append("+++ b/").Append(path).Append('\n');
        foreach (var (start, end) in Hunks(ops, context))
            WriteHunk(sb, ops, start, end, a, b);
        return sb.ToString();
    }

    private enum OpKind
    {
        Equal,
        Delete,
        Insert,
    }

    /// <summary>One line of the edit script: for Equal and Delete <c>A</c> indexes the old lines, for Equal and Insert <c>B</c> the new ones.</summary>
    private readonly record struct Op(OpKind Kind, int A, int B);

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var pos = 0;
        while (pos < text.Length)
        {
            var end = text.IndexOf('\n', pos);
            var next = end < 0 ? text.Length : end + 1;
            // A lone '\r' also ends a line for pip; keep it inside the line here, as diff and git do.
            lines.Add(text[pos..next]);
            pos = next;
        }
        return lines;
    }

    private static List<Op> Diff(List<string> a, List<string> b)
    {
        var ops = new List<Op>(Math.Max(a.Count, b.Count) + 16);
        if (a.Count > MaxLines || b.Count > MaxLines)
        {
            // Too big to diff line by line within the bound this tool keeps: one hunk replaces the file.
            for (var i = 0; i < a.Count; i++)
                ops.Add(new Op(OpKind.Delete, i, -1));
            for (var j = 0; j < b.Count; j++)
                ops.Add(new Op(OpKind.Insert, -1, j));
            return ops;
        }
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
            prefix++;
        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
            suffix++;

        for (var i = 0; i < prefix; i++)
            ops.Add(new Op(OpKind.Equal, i, i));
        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        if (!Myers(a, b, prefix, n, m, ops))
        {
            for (var i = 0; i < n; i++)
                ops.Add(new Op(OpKind.Delete, prefix + i, -1));
            for (var j = 0; j < m; j++)
                ops.Add(new Op(OpKind.Insert, -1, prefix + j));
        }
        for (var i = 0; i < suffix; i++)
            ops.Add(new Op(OpKind.Equal, a.Count - suffix + i, b.Count - suffix + i));
        return ops;
    }

    /// <summary>
    /// Myers' O((N+M)D) greedy algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) on the
    /// middle ranges, keeping each round's frontier (2d+1 entries) to trace the path back. Returns false
    /// when the distance exceeds <see cref="MaxEditDistance"/>, so time and memory stay bounded.
    /// </summary>
    private static bool Myers(List<string> a, List<string> b, int offset, int n, int m, List<Op> ops)
    {
        var max = n + m;
        if (max == 0)
            return true;
        var limit = Math.Min(max, MaxEditDistance);
        var v = new int[2 * limit + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= limit && found < 0; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                int x;
                if (k == -d || (k != d && v[limit + 1 + k - 1] < v[limit + 1 + k + 1]))
                    x = v[limit + 1 + k + 1];
                else
                    x = v[limit + 1 + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[offset + x] == b[offset + y])
                {
                    x++;
                    y++;
                }
                v[limit + 1 + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
            var snapshot = new int[2 * d + 1];
            for (var k = -d; k <= d; k++)
                snapshot[k + d] = v[limit + 1 + k];
            trace.Add(snapshot);
        }
        if (found < 0)
            return false;

        var path = new List<Op>();
        var px = n;
        var py = m;
        for (var d = found; d > 0; d--)
        {
            var previous = trace[d - 1];
            var k = px - py;
            int prevK;
            if (k == -d || (k != d && At(previous, d - 1, k - 1) < At(previous, d - 1, k + 1)))
                prevK = k + 1;
            else
                prevK = k - 1;
            var prevX = At(previous, d - 1, prevK);
            var prevY = prevX - prevK;
            while (px > prevX && py > prevY)
            {
                px--;
                py--;
                path.Add(new Op(OpKind.Equal, offset + px, offset + py));
            }
            if (px == prevX)
            {
                py--;
                path.Add(new Op(OpKind.Insert, -1, offset + py));
            }
            else
            {
                px--;
                path.Add(new Op(OpKind.Delete, offset + px, -1));
            }
        }
        while (px > 0 && py > 0)
        {
            px--;
            py--;
            path.Add(new Op(OpKind.Equal, offset + px, offset + py));
        }
        path.Reverse();
        ops.AddRange(path);
        return true;
    }

    private static int At(int[] frontier, int d, int k) => k < -d || k > d ? -1 : frontier[k + d];

    /// <summary>Ranges of the edit script to print: each change with up to <paramref name="context"/> equal lines around it, overlapping ranges merged.</summary>
    private static List<(int Start, int End)> Hunks(List<Op> ops, int context)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i].Kind == OpKind.Equal)
                continue;
            var start = Math.Max(0, i - context);
            var j = i;
            while (j + 1 < ops.Count && ops[j + 1].Kind != OpKind.Equal)
                j++;
            var end = Math.Min(ops.Count, j + 1 + context);
            if (hunks.Count > 0 && start <= hunks[^1].End)
                hunks[^1] = (hunks[^1].Start, end);
            else
                hunks.Add((start, end));
            i = j;
        }
        return hunks;
    }

    private static void WriteHunk(StringBuilder sb, List<Op> ops, int start, int end, List<string> a, List<string> b)
    {
        int oldStart = -1, newStart = -1, oldCount = 0, newCount = 0;
        for (var i = start; i < end; i++)
        {
            var op = ops[i];
            if (op.Kind != OpKind.Insert)
            {
                if (oldStart < 0)
                    oldStart = op.A;
                oldCount++;
            }
            if (op.Kind != OpKind.Delete)
            {
                if (newStart < 0)
                    newStart = op.B;
                newCount++;
            }
        }
        // An empty side is numbered by the line before it (GNU diff: "-0,0" at the top of the file).
        if (oldStart < 0)
            oldStart = OldLinesBefore(ops, start) - 1;
        if (newStart < 0)
            newStart = NewLinesBefore(ops, start) - 1;
        sb.Append("@@ -").Append(Range(oldStart + 1, oldCount)).Append(" +").Append(Range(newStart + 1, newCount)).Append(" @@\n");
        for (var i = start; i < end; i++)
        {
            var op = ops[i];
            var line = op.Kind == OpKind.Insert ? b[op.B] : a[op.A];
            sb.Append(op.Kind switch { OpKind.Equal => ' ', OpKind.Delete => '-', _ => '+' }).Append(line);
            if (!line.EndsWith('\n'))
                sb.Append('\n').Append(NoNewline);
        }
    }

    private static int OldLinesBefore(List<Op> ops, int index) => ops.Take(index).Count(o => o.Kind != OpKind.Insert);

    private static int NewLinesBefore(List<Op> ops, int index) => ops.Take(index).Count(o => o.Kind != OpKind.Delete);

    private static string Range(int start, int count) => count == 1
        ? start.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{start},{count}");
}
