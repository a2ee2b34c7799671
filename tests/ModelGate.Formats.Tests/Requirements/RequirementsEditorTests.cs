using ModelGate.Formats.Requirements;

namespace ModelGate.Formats.Tests.Requirements;

public sealed class RequirementsEditorTests
{
    /// <summary>"line name version" triples separated by ';'.</summary>
    private static List<(int Line, string Name, string NewVersion)> PinEdits(string edits) =>
        [.. edits.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split(' '))
            .Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1], p[2]))];

    private static string Notes(RequirementsEditResult result) => string.Join(" | ", result.Notes.Select(n => $"{n.Line} {n.Kind}: {n.Message}"));

    [Theory]
    // Plain pin; spacing around the operator is kept.
    [InlineData("numpy==1.19.5\n", "1 numpy 1.21.0", "numpy==1.21.0\n")]
    [InlineData("numpy == 1.19.5\n", "1 numpy 1.21.0", "numpy == 1.21.0\n")]
    // Extras and a marker stay as written; the == inside the marker is not the pin.
    [InlineData("requests[socks, security] ==2.25.0 ; python_version == \"3.8\"\n", "1 requests 2.31.0", "requests[socks, security] ==2.31.0 ; python_version == \"3.8\"\n")]
    [InlineData("pkg>=1.0,==1.5;sys_platform=='linux'\n", "1 pkg 1.6", "pkg>=1.0,==1.6;sys_platform=='linux'\n")]
    // Names compare by PEP 503.
    [InlineData("Scikit_Learn==0.24.0\n", "1 scikit-learn 1.0.2", "Scikit_Learn==1.0.2\n")]
    // An inline comment stays, including one that mentions "==".
    [InlineData("flask==1.1.2  # pinned: flask==1.1.2 breaks\n", "1 flask 2.3.3", "flask==2.3.3  # pinned: flask==1.1.2 breaks\n")]
    // CRLF line endings and a missing final newline are kept.
    [InlineData("# top\r\nnumpy==1.19.5\r\npandas==1.1.0\r\n", "2 numpy 1.21.0", "# top\r\nnumpy==1.21.0\r\npandas==1.1.0\r\n")]
    [InlineData("a==1\nnumpy==1.19.5", "2 numpy 1.21.0", "a==1\nnumpy==1.21.0")]
    // Arbitrary equality keeps its operator.
    [InlineData("legacy===1.0-custom\n", "1 legacy 1.0-patched", "legacy===1.0-patched\n")]
    // Parenthesized specifiers (PEP 508 allows them).
    [InlineData("six (==1.15.0)\n", "1 six 1.16.0", "six (==1.16.0)\n")]
    // Two edits in one file; order and untouched lines stay byte for byte.
    [InlineData("-i https://example.org/simple\nb==1.0\n\n# c\na==2.0 ; python_version<'3.9'\n", "5 a 2.1; 2 b 1.1", "-i https://example.org/simple\nb==1.1\n\n# c\na==2.1 ; python_version<'3.9'\n")]
    // A pin split from its name by a continuation.
    [InlineData("numpy \\\n    ==1.19.5\nx==1\n", "1 numpy 1.21.0", "numpy \\\n    ==1.21.0\nx==1\n")]
    public void UpgradePins_changes_only_the_version(string input, string edits, string expected)
    {
        var result = RequirementsEditor.UpgradePins(input, PinEdits(edits));
        Assert.Equal(expected, result.Text);
        Assert.Empty(result.Rejected);
        Assert.True(result.Changed);
    }

    [Theory]
    // pip-compile's layout: the requirement, then one --hash per line, then "# via" comments.
    [InlineData(
        "numpy==1.19.5 \\\n    --hash=sha256:aaaa \\\n    --hash=sha256:bbbb\n    # via pandas\npandas==1.1.0\n",
        "numpy==1.21.0\n    # via pandas\npandas==1.1.0\n",
        "numpy: 2 --hash values removed; they were for 1.19.5")]
    // Hashes on the requirement line itself.
    [InlineData("numpy==1.19.5 --hash=sha256:aaaa --hash sha256:bbbb\n", "numpy==1.21.0\n", "numpy: 2 --hash values removed; they were for 1.19.5")]
    // A hash line that also holds another option keeps that option (and its indentation).
    [InlineData(
        "numpy==1.19.5 \\\n    --hash=sha256:aaaa --config-settings=k=v \\\n    --hash=sha256:bbbb\n",
        "numpy==1.21.0 \\\n    --config-settings=k=v\n",
        "numpy: 2 --hash values removed; they were for 1.19.5")]
    // A hash block at the end of a CRLF file without a final newline.
    [InlineData("x==1\r\nnumpy==1.19.5 \\\r\n    --hash=sha256:aaaa", "x==1\r\nnumpy==1.21.0", "numpy: 1 --hash value removed; they were for 1.19.5")]
    // A continuation that ran into a comment line keeps its backslash (the comment still ends it).
    [InlineData("numpy==1.19.5 \\\n  --hash=sha256:aaaa \\\n  # via x\ny==2\n", "numpy==1.21.0 \\\n  # via x\ny==2\n", "numpy: 1 --hash value removed; they were for 1.19.5")]
    public void UpgradePins_removes_hashes_of_the_old_version(string input, string expected, string hashNote)
    {
        var result = RequirementsEditor.UpgradePins(input, [(input.StartsWith("x==1", StringComparison.Ordinal) ? 2 : 1, "numpy", "1.21.0")]);
        Assert.Equal(expected, result.Text);
        Assert.Contains(result.Notes, n => n.Kind == RequirementsEditNoteKind.HashesRemoved && n.Message == hashNote);
        Assert.Empty(result.Rejected);
    }

    [Theory]
    [InlineData("numpy>=1.19\n", "1 numpy 1.21.0", "1 NotApplied: numpy: not changed: line 1 holds no == pin (>=1.19)")]
    [InlineData("numpy\n", "1 numpy 1.21.0", "1 NotApplied: numpy: not changed: line 1 holds no == pin (no version clause)")]
    [InlineData("numpy==1.*\n", "1 numpy 1.21.0", "1 NotApplied: numpy: not changed: line 1 pins a prefix (==1.*), not one version")]
    [InlineData("numpy==1.19.5\n", "1 pandas 1.21.0", "1 NotApplied: pandas: not changed: line 1 names numpy, not pandas")]
    [InlineData("# comment\nnumpy==1.19.5\n", "1 numpy 1.21.0", "1 NotApplied: numpy: not changed: line 1 holds no requirement")]
    [InlineData("numpy==1.19.5\n", "7 numpy 1.21.0", "7 NotApplied: numpy: not changed: line 7 is outside the file (1 lines)")]
    [InlineData("numpy==1.19.5 \\\n  --hash=sha256:aa\n", "2 numpy 1.21.0", "2 NotApplied: numpy: not changed: line 2 continues the logical line that starts on line 1; an edit names the line where a requirement starts")]
    [InlineData("numpy @ https://example.org/numpy-1.19.5.tar.gz\n", "1 numpy 1.21.0", "1 NotApplied: numpy: not changed: line 1 is a url reference, not an index requirement pinned with ==")]
    [InlineData("-e git+https://example.org/numpy.git#egg=numpy\n", "1 numpy 1.21.0", "1 NotApplied: numpy: not changed: line 1 is a vcs reference, not an index requirement pinned with ==")]
    [InlineData("numpy==1.19.5\n", "1 numpy not-a-version", "1 NotApplied: numpy: not changed: 'not-a-version' is not a valid PEP 440 version")]
    [InlineData("numpy==1.19.5\n", "1 numpy 1.19.5", "1 Unchanged: numpy: already ==1.19.5")]
    [InlineData("numpy==1.19.5\n", "1 numpy 1.21.0; 1 numpy 1.22.0", "1 Applied: numpy: ==1.19.5 -> ==1.21.0 | 1 NotApplied: numpy: not changed: line 1 was already changed by an earlier edit in the same run")]
    [InlineData("numpy<1.20,==1.19.5\n", "1 numpy 1.21.0", "1 Applied: numpy: ==1.19.5 -> ==1.21.0 | 1 Warning: numpy: 1.21.0 is outside the requirement's other clauses (<1.20,==1.21.0); pip will find no version")]
    public void UpgradePins_reports_what_it_did_not_do(string input, string edits, string expectedNotes)
    {
        var result = RequirementsEditor.UpgradePins(input, PinEdits(edits));
        Assert.Equal(expectedNotes, Notes(result));
        if (!result.Notes.Any(n => n.Kind == RequirementsEditNoteKind.Applied))
            Assert.Equal(input, result.Text);
    }

    [Fact]
    public void Line_numbers_of_a_continued_requirement_are_where_it_starts_and_ends()
    {
        const string text = "a==1 \\\n  --hash=sha256:aa \\\n  --hash=sha256:bb\n# c\nb==2\n";
        var entries = RequirementsReader.Read(text).Entries.OfType<RequirementsRequirement>().ToList();
        Assert.Equal([(1, 3), (5, 5)], entries.Select(e => (e.Line, e.LastLine)));
        var result = RequirementsEditor.UpgradePins(text, [(5, "b", "3"), (1, "a", "2")]);
        Assert.Equal("a==2\n# c\nb==3\n", result.Text);
    }

    private const string HashA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string HashB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Theory]
    // pip-compile's layout; hashes are sorted.
    [InlineData("numpy==1.19.5\n", "numpy==1.19.5 \\\n    --hash=" + HashA + " \\\n    --hash=" + HashB + "\n")]
    // Marker and extras kept; the requirement line keeps its own spacing.
    [InlineData("numpy[x]==1.19.5 ; python_version >= \"3.8\"\nb==1\n", "numpy[x]==1.19.5 ; python_version >= \"3.8\" \\\n    --hash=" + HashA + " \\\n    --hash=" + HashB + "\nb==1\n")]
    // An inline comment moves below the hashes, where pip-compile puts "# via".
    [InlineData("numpy==1.19.5  # via pandas\n", "numpy==1.19.5 \\\n    --hash=" + HashA + " \\\n    --hash=" + HashB + "\n    # via pandas\n")]
    // Existing hashes are replaced; the "# via" line after them stays.
    [InlineData("numpy==1.19.5 \\\n    --hash=sha256:0000 \\\n    --hash=sha256:1111\n    # via pandas\n", "numpy==1.19.5 \\\n    --hash=" + HashA + " \\\n    --hash=" + HashB + "\n    # via pandas\n")]
    // CRLF, no final newline.
    [InlineData("x==1\r\nnumpy===1.19.5", "x==1\r\nnumpy===1.19.5 \\\r\n    --hash=" + HashA + " \\\r\n    --hash=" + HashB)]
    public void AddHashes_writes_pip_compile_layout(string input, string expected)
    {
        var line = input.StartsWith("x==1", StringComparison.Ordinal) ? 2 : 1;
        var result = RequirementsEditor.AddHashes(input, [(line, "numpy", [HashB.ToUpperInvariant().Replace("SHA256", "sha256", StringComparison.Ordinal), HashA, HashB])]);
        Assert.Equal(expected, result.Text);
        Assert.Empty(result.Rejected);
        var reread = RequirementsReader.Read(result.Text).Entries.OfType<RequirementsRequirement>().Single(r => r.Name!.StartsWith("numpy", StringComparison.Ordinal));
        Assert.Equal([HashA, HashB], reread.Hashes);
    }

    [Theory]
    [InlineData("numpy>=1.19\n", "1 NotApplied: numpy: no hashes added: not pinned with == to one version (>=1.19)")]
    [InlineData("numpy==1.*\n", "1 NotApplied: numpy: no hashes added: not pinned with == to one version (==1.*)")]
    [InlineData("numpy>1,==1.19.5\n", "1 NotApplied: numpy: no hashes added: not pinned with == to one version (>1,==1.19.5)")]
    [InlineData("./local/numpy\n", "1 NotApplied: numpy: no hashes added: line 1 is a path reference; only requirements pinned with == can be hashed from an index")]
    [InlineData("numpy==1.19.5 # c \\\n  more\n", "1 NotApplied: numpy: no hashes added: the comment on line 1 is continued by a backslash onto the next line")]
    public void AddHashes_reports_requirements_it_cannot_hash(string input, string expectedNotes)
    {
        var result = RequirementsEditor.AddHashes(input, [(1, "numpy", [HashA])]);
        Assert.Equal(expectedNotes, Notes(result));
        Assert.Equal(input, result.Text);
    }

    [Theory]
    [InlineData("md5:0123")]
    [InlineData("sha256:abc")]
    [InlineData("sha256")]
    public void AddHashes_refuses_malformed_digests(string hash)
    {
        var result = RequirementsEditor.AddHashes("numpy==1.19.5\n", [(1, "numpy", [hash])]);
        Assert.Single(result.Rejected);
        Assert.False(result.Changed);
    }

    [Fact]
    public void AddHashes_twice_is_a_no_op()
    {
        var once = RequirementsEditor.AddHashes("numpy==1.19.5  # via x\n", [(1, "numpy", [HashA])]);
        var twice = RequirementsEditor.AddHashes(once.Text, [(1, "numpy", [HashA])]);
        Assert.False(twice.Changed);
        Assert.Equal(RequirementsEditNoteKind.Unchanged, Assert.Single(twice.Notes).Kind);
    }
}

public sealed class RequirementsEditorInvariantTests
{
    /// <summary>A pip-compile style file: every requirement pinned, two hashes each, "# via" lines, a marker now and then.</summary>
    internal static string CompiledFile(int count, string newLine = "\n")
    {
        var sb = new System.Text.StringBuilder("# This file is autogenerated by pip-compile" + newLine);
        for (var i = 0; i < count; i++)
        {
            sb.Append($"pkg{i}==1.{i}.0").Append(i % 7 == 0 ? " ; python_version >= \"3.8\"" : "").Append(" \\").Append(newLine);
            sb.Append($"    --hash=sha256:{new string((char)('a' + (i % 6)), 64)} \\").Append(newLine);
            sb.Append($"    --hash=sha256:{new string((char)('0' + (i % 10)), 64)}").Append(newLine);
            sb.Append($"    # via app{i % 3}").Append(newLine);
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Upgrading_some_pins_leaves_every_other_requirement_as_it_was(string newLine)
    {
        var text = CompiledFile(300, newLine);
        var before = RequirementsReader.Read(text).Entries.OfType<RequirementsRequirement>().ToList();
        var edits = before.Where((_, i) => i % 3 == 0).Select(r => (r.Line, r.Name!, "9.9.9")).ToList();

        var result = RequirementsEditor.UpgradePins(text, edits);

        Assert.Empty(result.Rejected);
        Assert.Equal(100, result.Notes.Count(n => n.Kind == RequirementsEditNoteKind.HashesRemoved));
        var after = RequirementsReader.Read(result.Text).Entries.OfType<RequirementsRequirement>().ToList();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Name, after[i].Name);
            Assert.Equal(before[i].MarkerText, after[i].MarkerText);
            Assert.Equal(i % 3 == 0 ? ["==9.9.9"] : before[i].Specifiers, after[i].Specifiers);
            Assert.Equal(i % 3 == 0 ? [] : before[i].Hashes, after[i].Hashes);
        }
        Assert.Equal(RequirementsReader.Read(text).Comments.Select(c => c.Text), RequirementsReader.Read(result.Text).Comments.Select(c => c.Text));
        // No LF crept into a CRLF file, or the reverse.
        Assert.Equal(newLine == "\r\n", result.Text.Replace("\r\n", "", StringComparison.Ordinal).IndexOf('\n', StringComparison.Ordinal) < 0);
    }

    [Fact]
    public void Hashing_a_whole_file_then_upgrading_round_trips()
    {
        var plain = string.Concat(Enumerable.Range(0, 50).Select(i => $"pkg{i}==1.0  # via app\n"));
        var hash = "sha256:" + new string('e', 64);
        var entries = RequirementsReader.Read(plain).Entries.OfType<RequirementsRequirement>().ToList();
        var hashed = RequirementsEditor.AddHashes(plain, [.. entries.Select(r => (r.Line, r.Name!, (IReadOnlyList<string>)[hash]))]);
        Assert.All(RequirementsReader.Read(hashed.Text).Entries.OfType<RequirementsRequirement>(), r => Assert.Equal([hash], r.Hashes));

        var reread = RequirementsReader.Read(hashed.Text).Entries.OfType<RequirementsRequirement>().ToList();
        var upgraded = RequirementsEditor.UpgradePins(hashed.Text, [.. reread.Select(r => (r.Line, r.Name!, "2.0"))]);
        Assert.Equal(plain.Replace("==1.0  # via app\n", "==2.0\n    # via app\n", StringComparison.Ordinal), upgraded.Text);
    }
}
