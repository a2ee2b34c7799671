using ModelGate.Formats;
using ModelGate.Formats.Lockfiles;

namespace ModelGate.Formats.Tests.Lockfiles;

public sealed class LockfileReaderTests
{
    [Fact]
    public void Poetry_dependencies_keep_names_and_markers_including_multiple_constraints()
    {
        var lockfile = PoetryLockReader.Read("""
            [[package]]
            name = "pandas"
            version = "2.2.2"
            optional = false
            python-versions = ">=3.9"
            files = []

            [package.dependencies]
            numpy = [
                {version = ">=1.22.4", markers = "python_version < \"3.11\""},
                {version = ">=1.23.2", markers = "python_version == \"3.11\""},
            ]
            python-dateutil = ">=2.8.2"

            [metadata]
            lock-version = "2.0"
            """);

        Assert.Empty(lockfile.Errors);
        Assert.Equal("2.0", lockfile.FormatVersion);
        var pandas = Assert.Single(lockfile.Packages);
        Assert.Equal(
            [
                new LockedDependency("numpy", "python_version < \"3.11\""),
                new LockedDependency("numpy", "python_version == \"3.11\""),
                new LockedDependency("python-dateutil"),
            ],
            pandas.Dependencies);
    }

    [Fact]
    public void Poetry_entry_without_version_is_an_error_entry()
    {
        var lockfile = PoetryLockReader.Read("[[package]]\nname = \"a\"\n\n[[package]]\nname = \"b\"\nversion = \"1\"\n");

        Assert.Equal([new LockfileError(1, "package 'a' has no 'version'")], lockfile.Errors);
        Assert.Equal("b", Assert.Single(lockfile.Packages).Name);
    }

    [Theory]
    [InlineData("https://github.com/o/r?rev=v1#abc123", "https://github.com/o/r", "v1", "abc123", null)]
    [InlineData("https://github.com/o/r?branch=main&subdirectory=sub%2Fdir#def456", "https://github.com/o/r", "main", "def456", "sub/dir")]
    [InlineData("https://github.com/o/r", "https://github.com/o/r", null, null, null)]
    public void Uv_git_source_splits_repository_revision_and_commit(string git, string repository, string? requested, string? commit, string? subdirectory)
    {
        var lockfile = UvLockReader.Read($"version = 1\n\n[[package]]\nname = \"x\"\nversion = \"1\"\nsource = {{ git = \"{git}\" }}\n");

        var source = Assert.Single(lockfile.Packages).Source!;
        Assert.Equal(LockedSourceKind.Vcs, source.Kind);
        Assert.Equal((repository, requested, commit, subdirectory), (source.Location, source.RequestedRevision, source.Commit, source.Subdirectory));
    }

    [Fact]
    public void Pdm_dependencies_are_parsed_as_pep_508()
    {
        var lockfile = PdmLockReader.Read("""
            [[package]]
            name = "pytest"
            version = "8.3.3"
            dependencies = [
                "colorama; sys_platform == \"win32\"",
                "exceptiongroup>=1.0.0rc8; python_version < \"3.11\"",
                "not a requirement ((",
            ]
            """);

        Assert.Equal(["colorama", "exceptiongroup"], lockfile.Packages[0].Dependencies.Select(d => d.Name));
        Assert.Equal("python_version < \"3.11\"", lockfile.Packages[0].Dependencies[1].Marker);
        Assert.Equal(7, Assert.Single(lockfile.Errors).Line);
    }

    [Fact]
    public void Pylock_hash_tables_become_algorithm_colon_value_in_file_order()
    {
        var lockfile = PylockReader.Read("""
            lock-version = "1.0"

            [[packages]]
            name = "a"
            version = "1"
            sdist = {url = "https://x/a-1.tar.gz", hashes = {SHA256 = "aa", sha512 = "bb"}}
            wheels = [{url = "https://x/a-1-py3-none-any.whl", hashes = {sha256 = "cc"}}, {url = "https://x/a-1-py2-none-any.whl", hashes = {sha256 = "aa"}}]
            """);

        Assert.Empty(lockfile.Errors);
        Assert.Equal(["sha256:aa", "sha512:bb", "sha256:cc"], lockfile.Packages[0].Hashes);
    }

    [Fact]
    public void Pipfile_lock_lines_follow_each_section_even_when_repeated()
    {
        var lockfile = PipfileLockReader.Read("""
            {
                "default": {
                    "a": {"version": "==1"}
                },
                "default": {
                    "b": {"version": "==2"}
                },
                "develop": {"c": {"version": "==3"}}
            }
            """);

        Assert.Equal(["a@3", "b@6", "c@8"], lockfile.Packages.Select(p => $"{p.Name}@{p.Line}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1, 2")]
    [InlineData("\"just a string\"")]
    public void Pipfile_lock_that_is_not_an_object_is_malformed(string text)
    {
        var ex = Assert.Throws<MalformedDataException>(() => PipfileLockReader.Read(text));
        Assert.Equal("Pipfile.lock", ex.Format);
    }

    [Theory]
    [InlineData("sha256:abc", true)]
    [InlineData("MD5:abc", true)]
    [InlineData("abc", false)]
    [InlineData("sha256:", false)]
    [InlineData(":abc", false)]
    [InlineData("sha256:ab cd", false)]
    public void Hash_strings_need_an_algorithm_and_a_value(string text, bool valid) =>
        Assert.Equal(valid, new LockfileHashes().TryAdd(text));
}
