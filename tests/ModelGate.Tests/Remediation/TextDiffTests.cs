using ModelGate.Remediation;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Remediation;

public sealed class TextDiffTests
{
    private static string Lines(int count, Func<int, string>? line = null) =>
        string.Concat(Enumerable.Range(1, count).Select(i => (line ?? (n => $"pkg{n}==1.0"))(i) + "\n"));

    public static TheoryData<string, string, string> Cases()
    {
        var twenty = Lines(20);
        return new()
        {
            // One changed line in the middle: three lines of context each side.
            { "one-change.diff", twenty, twenty.Replace("pkg10==1.0", "pkg10==2.0", StringComparison.Ordinal) },
            // Changes far apart make two hunks; changes within six lines share one.
            { "two-hunks.diff", twenty, twenty.Replace("pkg2==1.0", "pkg2==2.0", StringComparison.Ordinal).Replace("pkg18==1.0", "pkg18==2.0", StringComparison.Ordinal) },
            { "merged-hunk.diff", twenty, twenty.Replace("pkg8==1.0", "pkg8==2.0", StringComparison.Ordinal).Replace("pkg13==1.0", "pkg13==2.0", StringComparison.Ordinal) },
            // A hash block removed: deletions only.
            { "hash-block-removed.diff",
                "a==1\nnumpy==1.19.5 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n    # via pandas\npandas==1.1.0\n",
                "a==1\nnumpy==1.21.0\n    # via pandas\npandas==1.1.0\n" },
            // The last line without a newline, before and after.
            { "no-newline-at-end.diff", "a==1\nb==1", "a==1\nb==2" },
            // A newline added at the end.
            { "newline-added.diff", "a==1\nb==1", "a==1\nb==1\n" },
            // CRLF lines keep their terminators in the patch.
            { "crlf.diff", "a==1\r\nb==1\r\nc==1\r\n", "a==1\r\nb==2\r\nc==1\r\n" },
            // Lines added at the top of the file and to an empty file.
            { "insert-at-top.diff", "a==1\nb==1\n", "# pinned\na==1\nb==1\n" },
            { "from-empty.diff", "", "a==1\n" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unified_diff_matches_golden(string golden, string before, string after)
    {
        var diff = TextDiff.UnifiedDiff("requirements.txt", before, after);
        Golden.AssertMatches(diff, golden);
        Assert.Equal(after, Apply(before, diff));
    }

    [Fact]
    public void Crlf_lines_keep_their_terminators_in_the_patch()
    {
        var diff = TextDiff.UnifiedDiff("r.txt", "a==1\r\nb==1\r\n", "a==1\r\nb==2\r\n");
        Assert.Equal("--- a/r.txt\n+++ b/r.txt\n@@ -1,2 +1,2 @@\n a==1\r\n-b==1\r\n+b==2\r\n", diff);
    }

    [Fact]
    public void Equal_texts_have_an_empty_diff() => Assert.Equal(string.Empty, TextDiff.UnifiedDiff("r.txt", "a==1\n", "a==1\n"));

    [Fact]
    public void Files_over_the_line_limit_are_one_whole_file_hunk()
    {
        var before = Lines(TextDiff.MaxLines + 1);
        var after = before.Replace("pkg5==1.0\n", "pkg5==2.0\n", StringComparison.Ordinal);
        var diff = TextDiff.UnifiedDiff("big.txt", before, after);
        Assert.Contains($"@@ -1,{TextDiff.MaxLines + 1} +1,{TextDiff.MaxLines + 1} @@\n", diff, StringComparison.Ordinal);
        Assert.Equal(after, Apply(before, diff));
    }

    [Fact]
    public void Random_edits_round_trip_through_the_patch()
    {
        var random = new Random(20240601);
        for (var round = 0; round < 300; round++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 40)).Select(_ => $"l{random.Next(0, 6)}\n").ToList();
            var before = string.Concat(lines);
            var changed = new List<string>(lines);
            for (var e = random.Next(0, 6); e > 0; e--)
            {
                var at = random.Next(0, changed.Count + 1);
                switch (random.Next(3))
                {
                    case 0:
                        changed.Insert(at, $"n{random.Next(0, 4)}\n");
                        break;
                    case 1 when at < changed.Count:
                        changed.RemoveAt(at);
                        break;
                    default:
                        if (at < changed.Count)
                            changed[at] = $"c{random.Next(0, 4)}\n";
                        break;
                }
            }
            var after = string.Concat(changed);
            if (random.Next(4) == 0 && after.Length > 0)
                after = after[..^1];
            var diff = TextDiff.UnifiedDiff("r.txt", before, after, context: random.Next(0, 4));
            Assert.Equal(after, Apply(before, diff));
        }
    }

    /// <summary>A minimal patch applier: checks each hunk's context and removed lines against the original.</summary>
    private static string Apply(string before, string diff)
    {
        if (diff.Length == 0)
            return before;
        var source = SplitKeep(before);
        var patch = SplitKeep(diff);
        Assert.StartsWith("--- a/", patch[0], StringComparison.Ordinal);
        Assert.StartsWith("+++ b/", patch[1], StringComparison.Ordinal);
        var output = new List<string>();
        var position = 0;
        var i = 2;
        while (i < patch.Count)
        {
            var header = patch[i++];
            Assert.StartsWith("@@ -", header, StringComparison.Ordinal);
            var oldRange = header[4..header.IndexOf(' ', 4)];
            var oldStart = int.Parse(oldRange.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
            var oldCount = oldRange.Contains(',', StringComparison.Ordinal) ? int.Parse(oldRange.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
            var first = oldCount == 0 ? oldStart : oldStart - 1;
            while (position < first)
                output.Add(source[position++]);
            while (i < patch.Count && !patch[i].StartsWith("@@", StringComparison.Ordinal))
            {
                var line = patch[i++];
                var text = line[1..];
                if (i < patch.Count && patch[i] == "\\ No newline at end of file\n")
                {
                    text = text[..^1];
                    i++;
                }
                switch (line[0])
                {
                    case ' ':
                        Assert.Equal(source[position++], text);
                        output.Add(text);
                        break;
                    case '-':
                        Assert.Equal(source[position++], text);
                        break;
                    case '+':
                        output.Add(text);
                        break;
                    default:
                        Assert.Fail($"unexpected patch line '{line}'");
                        break;
                }
            }
        }
        while (position < source.Count)
            output.Add(source[position++]);
        return string.Concat(output);
    }

    private static List<string> SplitKeep(string text)
    {
        var lines = new List<string>();
        var pos = 0;
        while (pos < text.Length)
        {
            var end = text.IndexOf('\n', pos);
            var next = end < 0 ? text.Length : end + 1;
            lines.Add(text[pos..next]);
            pos = next;
        }
        return lines;
    }
}
