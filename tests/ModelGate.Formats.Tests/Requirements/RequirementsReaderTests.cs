using System.Diagnostics;
using System.Text;
using ModelGate.Formats;
using ModelGate.Formats.Requirements;

namespace ModelGate.Formats.Tests.Requirements;

public sealed class RequirementsReaderTests
{
    /// <summary>One line per entry: "line: what", so a row reads like the file it describes.</summary>
    private static string Describe(string text) =>
        string.Join(" | ", RequirementsReader.Read(text).Entries.Select(Describe));

    private static string Describe(RequirementsEntry entry)
    {
        var sb = new StringBuilder().Append(entry.Line).Append(": ");
        switch (entry)
        {
            case RequirementsRequirement r:
                sb.Append(r.Form).Append(' ').Append(r.Name ?? "?");
                if (r.Specifier.Length > 0)
                    sb.Append(' ').Append(r.Specifier);
                if (r.VersionFromFileName is not null)
                    sb.Append(" v=").Append(r.VersionFromFileName);
                if (r.Extras.Count > 0)
                    sb.Append(" [").Append(string.Join(',', r.Extras)).Append(']');
                if (r.MarkerText is not null)
                    sb.Append(" ; ").Append(r.MarkerText);
                if (r.Url is not null)
                    sb.Append(" url=").Append(r.Url);
                if (r.Editable)
                    sb.Append(" editable");
                foreach (var hash in r.Hashes)
                    sb.Append(" --hash=").Append(hash);
                foreach (var (name, value) in r.Options)
                    sb.Append(' ').Append(name).Append('=').Append(value);
                break;
            case RequirementsInclude i:
                sb.Append(i.IsConstraint ? "-c " : "-r ").Append(i.Path);
                break;
            case RequirementsOption o:
                sb.Append(o.Name);
                if (o.Value is not null)
                    sb.Append(' ').Append(o.Value);
                break;
            case RequirementsError:
                sb.Append("error");
                break;
        }
        if (entry.HasEnvironmentVariable)
            sb.Append(" $env");
        return sb.ToString();
    }

    [Theory]
    // Plain PEP 508 requirements.
    [InlineData("requests", "1: Named requests")]
    [InlineData("docopt == 0.6.1", "1: Named docopt ==0.6.1")]
    [InlineData("requests [security] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"", "1: Named requests >=2.8.1,==2.8.* [security] ; python_version < \"2.7\"")]
    [InlineData("Django_REST.framework>=3", "1: Named Django_REST.framework >=3")]
    [InlineData("  indented==1.0  ", "1: Named indented ==1.0")]
    // Blank lines and comments.
    [InlineData("", "")]
    [InlineData("\n\n   \n", "")]
    [InlineData("# only a comment", "")]
    [InlineData("   # indented comment", "")]
    [InlineData("numpy==1.0 # pinned for torch", "1: Named numpy ==1.0")]
    [InlineData("numpy==1.0\t# tab before the hash", "1: Named numpy ==1.0")]
    [InlineData("numpy==1.0#not-a-comment", "1: error")]
    // Line numbers, line endings and continuations.
    [InlineData("a\nb\n\nc", "1: Named a | 2: Named b | 4: Named c")]
    [InlineData("a\r\nb\r\n\r\nc\r\n", "1: Named a | 2: Named b | 4: Named c")]
    [InlineData("a\rb", "1: Named a | 2: Named b")]
    [InlineData("numpy\\\n==1.0\nscipy", "1: Named numpy ==1.0 | 3: Named scipy")]
    [InlineData("x\ntorch==2.2.1 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\ny", "1: Named x | 2: Named torch ==2.2.1 --hash=sha256:aa --hash=sha256:bb | 5: Named y")]
    [InlineData("six==1.16 \\\n    --hash=sha256:aa \\\n    # via dateutil\nnext", "1: Named six ==1.16 --hash=sha256:aa | 4: Named next")]
    [InlineData("last==1 \\", "1: Named last ==1")]
    [InlineData("a==1 # comment \\\nb==2", "1: Named a ==1")]
    // Per-requirement options.
    [InlineData("pkg==1 --hash sha256:aa --hash=SHA384:bb", "1: Named pkg ==1 --hash=sha256:aa --hash=sha384:bb")]
    [InlineData("pkg==1 --hash=md5:aa", "1: Named pkg ==1 | 1: error")]
    [InlineData("pkg==1 --hash=nocolon", "1: Named pkg ==1 | 1: error")]
    [InlineData("pkg --config-settings=\"--build-option=--cpp\" --global-option=--no-user-cfg", "1: Named pkg --config-settings=--build-option=--cpp --global-option=--no-user-cfg")]
    [InlineData("pkg --install-option='--prefix=/opt'", "1: Named pkg --install-option=--prefix=/opt")]
    [InlineData("pkg==1 --index-url https://x/simple", "1: Named pkg ==1 | 1: error")]
    [InlineData("--hash=sha256:aa", "1: error")]
    // URLs, VCS and paths.
    [InlineData("https://files.example.com/p/sentencepiece-0.2.0-cp311-cp311-manylinux_2_17_x86_64.whl", "1: Url sentencepiece v=0.2.0 url=https://files.example.com/p/sentencepiece-0.2.0-cp311-cp311-manylinux_2_17_x86_64.whl")]
    [InlineData("https://x/wxPython_Phoenix-3.0.3.dev1820+49a8884-1-cp34-none-win_amd64.whl", "1: Url wxPython_Phoenix v=3.0.3.dev1820+49a8884 url=https://x/wxPython_Phoenix-3.0.3.dev1820+49a8884-1-cp34-none-win_amd64.whl")]
    [InlineData("https://x/torch-2.2.1%2Bcu121-cp311-cp311-linux_x86_64.whl", "1: Url torch v=2.2.1+cu121 url=https://x/torch-2.2.1%2Bcu121-cp311-cp311-linux_x86_64.whl")]
    [InlineData("https://x/django-rest-framework-3.1.tar.gz", "1: Url django-rest-framework v=3.1 url=https://x/django-rest-framework-3.1.tar.gz")]
    [InlineData("https://x/pkg-1.0.zip#sha256=abc", "1: Url pkg v=1.0 url=https://x/pkg-1.0.zip#sha256=abc")]
    [InlineData("https://x/pkg-1.0.whl; python_version < \"3\"", "1: error")]
    [InlineData("https://x/pkg-1.0-py3-none-any.whl ; sys_platform == \"linux\"", "1: Url pkg v=1.0 ; sys_platform == \"linux\" url=https://x/pkg-1.0-py3-none-any.whl")]
    [InlineData("https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip", "1: Url 1.26.8.zip url=https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip")]
    [InlineData("urllib3 @ https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip", "1: Url urllib3 url=https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip")]
    [InlineData("pkg @ https://x/pkg-2.0-py3-none-any.whl", "1: Url pkg v=2.0 url=https://x/pkg-2.0-py3-none-any.whl")]
    [InlineData("other @ https://x/pkg-2.0-py3-none-any.whl", "1: Url other url=https://x/pkg-2.0-py3-none-any.whl")]
    [InlineData("pkg @ file:///opt/wheels/pkg-2.0-py3-none-any.whl", "1: Path pkg v=2.0 url=file:///opt/wheels/pkg-2.0-py3-none-any.whl")]
    [InlineData("git+https://github.com/org/repo@v1.0#egg=name", "1: Vcs name url=git+https://github.com/org/repo@v1.0#egg=name")]
    [InlineData("git+https://github.com/org/repo.git@v1.0", "1: Vcs repo url=git+https://github.com/org/repo.git@v1.0")]
    [InlineData("git+ssh://git@github.com/org/repo.git#egg=Name&subdirectory=pkg", "1: Vcs Name url=git+ssh://git@github.com/org/repo.git#egg=Name&subdirectory=pkg")]
    [InlineData("name @ git+https://github.com/org/repo@0a1b2c3", "1: Vcs name url=git+https://github.com/org/repo@0a1b2c3")]
    [InlineData("hg+https://hg.example.com/repo#egg=hgpkg", "1: Vcs hgpkg url=hg+https://hg.example.com/repo#egg=hgpkg")]
    [InlineData("./downloads/numpy-1.9.2-cp34-none-win32.whl", "1: Path numpy v=1.9.2 url=./downloads/numpy-1.9.2-cp34-none-win32.whl")]
    [InlineData("./local/dir", "1: Path dir url=./local/dir")]
    [InlineData("./local/dir[gpu, Extra_Two]", "1: Path dir [gpu,extra-two] url=./local/dir")]
    [InlineData("../sibling/ ; os_name == \"nt\"", "1: Path sibling ; os_name == \"nt\" url=../sibling/")]
    [InlineData("file:///srv/pkgs/tqdm-4.66.2.tar.gz", "1: Path tqdm v=4.66.2 url=file:///srv/pkgs/tqdm-4.66.2.tar.gz")]
    [InlineData("pkg-1.0.tar.gz", "1: Path pkg v=1.0 url=pkg-1.0.tar.gz")]
    [InlineData(".", "1: Path ? url=.")]
    // Editables.
    [InlineData("-e .", "1: Path ? url=. editable")]
    [InlineData("-e ./libs/textclean[dev]", "1: Path textclean [dev] url=./libs/textclean editable")]
    [InlineData("--editable=git+https://github.com/org/tool@abc#egg=tool", "1: Vcs tool url=git+https://github.com/org/tool@abc#egg=tool editable")]
    [InlineData("-e \"git+https://github.com/org/tool@abc#egg=tool\"", "1: Vcs tool url=git+https://github.com/org/tool@abc#egg=tool editable")]
    [InlineData("-e https://x/pkg-1.0.tar.gz", "1: error")]
    // Includes.
    [InlineData("-r other.txt", "1: -r other.txt")]
    [InlineData("-rother.txt", "1: -r other.txt")]
    [InlineData("--requirement=other.txt", "1: -r other.txt")]
    [InlineData("--requirement other.txt", "1: -r other.txt")]
    [InlineData("-c constraints.txt", "1: -c constraints.txt")]
    [InlineData("-cconstraints.txt", "1: -c constraints.txt")]
    [InlineData("--constraint=constraints.txt", "1: -c constraints.txt")]
    [InlineData("-r", "1: error")]
    // Global options.
    [InlineData("-i https://pypi.example.com/simple", "1: --index-url https://pypi.example.com/simple")]
    [InlineData("--index-url=https://pypi.example.com/simple", "1: --index-url https://pypi.example.com/simple")]
    [InlineData("--extra-index-url https://download.pytorch.org/whl/cu121", "1: --extra-index-url https://download.pytorch.org/whl/cu121")]
    [InlineData("--extra-index https://mirror/simple", "1: --extra-index-url https://mirror/simple")]
    [InlineData("--no-index", "1: --no-index")]
    [InlineData("-f ./wheels", "1: --find-links ./wheels")]
    [InlineData("--find-links=https://x/links.html", "1: --find-links https://x/links.html")]
    [InlineData("--pre", "1: --pre")]
    [InlineData("--only-binary :all:", "1: --only-binary :all:")]
    [InlineData("--no-binary=psycopg2", "1: --no-binary psycopg2")]
    [InlineData("--prefer-binary", "1: --prefer-binary")]
    [InlineData("--require-hashes", "1: --require-hashes")]
    [InlineData("--trusted-host pypi.example.com", "1: --trusted-host pypi.example.com")]
    [InlineData("--use-feature=truststore", "1: --use-feature truststore")]
    [InlineData("-i https://a/simple --extra-index-url https://b/simple --pre", "1: --index-url https://a/simple | 1: --extra-index-url https://b/simple | 1: --pre")]
    // Unknown options and unparsable lines.
    [InlineData("--no-deps", "1: error")]
    [InlineData("-x foo", "1: error | 1: error")]
    [InlineData("--pre=yes", "1: error")]
    [InlineData("--pre stray", "1: --pre | 1: error")]
    [InlineData("--index", "1: error")]
    [InlineData("--no", "1: error")]
    [InlineData("pkg==1 --hash='unclosed", "1: error")]
    [InlineData("not a requirement", "1: error")]
    [InlineData("pkg===", "1: error")]
    [InlineData("a\n!!!\nb", "1: Named a | 2: error | 3: Named b")]
    // Environment variables are kept as written.
    [InlineData("--index-url https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple", "1: --index-url https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple $env")]
    [InlineData("-r ${REQ_DIR}/base.txt", "1: -r ${REQ_DIR}/base.txt $env")]
    [InlineData("--index-url https://${lowercase}/simple", "1: --index-url https://${lowercase}/simple")]
    [InlineData("pkg==${VERSION}", "1: error $env")]
    public void Reads_each_syntax_feature(string text, string expected) => Assert.Equal(expected, Describe(text));

    [Fact]
    public void Comments_keep_their_physical_line_and_indentation()
    {
        var file = RequirementsReader.Read("# header\nsix==1.16 \\\n    --hash=sha256:aa \\\n    # via\n    #   dateutil\nurllib3==2.2.1    # via requests\n");

        Assert.Equal(
            [new RequirementsComment(1, " header"), new RequirementsComment(4, " via"), new RequirementsComment(5, "   dateutil"), new RequirementsComment(6, " via requests")],
            file.Comments);
    }

    [Fact]
    public void Error_messages_name_what_is_wrong()
    {
        var messages = RequirementsReader.Read("--no-deps\npkg==1 --hash=md5:aa\n--hash=sha256:aa\n-e https://x/p.zip\n--pre=yes")
            .Entries.OfType<RequirementsError>().Select(e => (e.Line, e.Message)).ToList();

        Assert.Equal(5, messages.Count);
        Assert.Equal((1, "no such option: --no-deps"), messages[0]);
        Assert.Contains("sha256, sha384 and sha512", messages[1].Message, StringComparison.Ordinal);
        Assert.Contains("must follow a requirement", messages[2].Message, StringComparison.Ordinal);
        Assert.Contains("not a valid editable requirement", messages[3].Message, StringComparison.Ordinal);
        Assert.Equal((5, "--pre option does not take a value"), messages[4]);
    }

    [Fact]
    public void A_logical_line_over_the_limit_is_one_error_without_reading_it()
    {
        var longLine = new string('x', ReaderLimits.MaxLogicalLineLength + 1);

        var entries = RequirementsReader.Read("a==1\n" + longLine + "\nb==2").Entries;

        Assert.Equal("1: Named a ==1 | 2: error | 3: Named b ==2", string.Join(" | ", entries.Select(Describe)));
        Assert.Contains($"limit is {ReaderLimits.MaxLogicalLineLength}", ((RequirementsError)entries[1]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Continuations_that_add_up_over_the_limit_are_one_error_at_the_first_line()
    {
        var piece = new string('y', 1000) + "\\\n";
        var text = "a==1\n" + string.Concat(Enumerable.Repeat(piece, 100)) + "end\nb==2";

        var entries = RequirementsReader.Read(text).Entries;

        Assert.Equal("1: Named a ==1 | 2: error | 103: Named b ==2", string.Join(" | ", entries.Select(Describe)));
    }

    [Fact]
    public void A_10_MB_line_is_read_in_bounded_time()
    {
        var text = "a==1\n" + new string('#', 10 * 1024 * 1024) + "\n";
        var watch = Stopwatch.StartNew();

        var entries = RequirementsReader.Read(text).Entries;

        watch.Stop();
        Assert.Equal(2, entries.Count);
        Assert.IsType<RequirementsError>(entries[1]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_100000_line_file_is_read_linearly()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
            sb.Append("pkg").Append(i).Append("==1.0.").Append(i % 7).Append("  # note\n");
        var watch = Stopwatch.StartNew();

        var file = RequirementsReader.Read(sb.ToString());

        watch.Stop();
        Assert.Equal(100_000, file.Entries.Count);
        Assert.Equal(100_000, file.Entries[^1].Line);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
