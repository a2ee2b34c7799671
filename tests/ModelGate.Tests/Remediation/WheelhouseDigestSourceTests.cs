using System.Security.Cryptography;
using System.Text;
using ModelGate.Formats.Pep440;
using ModelGate.Remediation;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Remediation;

public sealed class WheelhouseDigestSourceTests
{
    [Theory]
    [InlineData("numpy-1.19.5-cp38-cp38-manylinux1_x86_64.whl", "numpy", "1.19.5", true)]
    [InlineData("numpy-1.19.5-1-cp38-cp38-manylinux1_x86_64.whl", "numpy", "1.19.5", true)]
    [InlineData("Numpy-1.19.5.tar.gz", "numpy", "1.19.5", true)]
    [InlineData("numpy-1.19.5.ZIP", "numpy", "1.19.5", true)]
    // PEP 440 equality: zero padding and normalization.
    [InlineData("numpy-1.19.5.0.tar.gz", "numpy", "1.19.5", true)]
    [InlineData("foo-1.0rc1-py3-none-any.whl", "foo", "1.0-rc.1", true)]
    // PEP 503: runs of '-', '_', '.' are one separator; case is ignored.
    [InlineData("scikit_learn-1.0.2-cp39-cp39-win_amd64.whl", "scikit-learn", "1.0.2", true)]
    [InlineData("Scikit.Learn-1.0.2.tar.gz", "scikit-learn", "1.0.2", true)]
    [InlineData("django-rest-framework-3.1.tar.gz", "django-rest-framework", "3.1", true)]
    // Not the same version, project, or kind of file.
    [InlineData("numpy-1.20.0-cp38-cp38-manylinux1_x86_64.whl", "numpy", "1.19.5", false)]
    [InlineData("numpy-1.19.50.tar.gz", "numpy", "1.19.5", false)]
    [InlineData("numpy-financial-1.19.5.tar.gz", "numpy", "1.19.5", false)]
    [InlineData("numpy-1.19.5.tar.bz2.txt", "numpy", "1.19.5", false)]
    [InlineData("numpy-1.19.5.whl", "numpy", "1.19.5", false)]
    [InlineData("numpy-1.19.5-cp38-cp38-manylinux1_x86_64.whl.metadata", "numpy", "1.19.5", false)]
    public void File_names_match_by_normalized_name_and_pep440_version(string fileName, string name, string version, bool expected)
    {
        var parsed = PythonVersion.TryParse(version, out var v) ? v : null;
        Assert.Equal(expected, WheelhouseDigestSource.Matches(fileName, Formats.Pep508.PackageName.Normalize(name), version, parsed));
    }

    [Fact]
    public async Task Matching_files_are_hashed()
    {
        using var tree = new TempTree();
        var wheel = tree.Write("numpy-1.19.5-cp38-cp38-manylinux1_x86_64.whl", "wheel bytes");
        var sdist = tree.Write("Numpy-1.19.5.tar.gz", "sdist bytes");
        tree.Write("numpy-1.20.0-cp38-cp38-manylinux1_x86_64.whl", "other version");
        tree.Write("sub/numpy-1.19.5.zip", "pip does not look in subfolders");
        var source = new WheelhouseDigestSource(tree.Root);

        var lookup = await source.LookupAsync("NumPy", "1.19.5", CancellationToken.None);

        Assert.True(lookup.Found);
        Assert.Equal(
            [("Numpy-1.19.5.tar.gz", Sha(sdist)), ("numpy-1.19.5-cp38-cp38-manylinux1_x86_64.whl", Sha(wheel))],
            lookup.Files.Select(f => (f.FileName, f.Sha256)));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("wheel bytes"))), lookup.Files[1].HashOption);
    }

    [Fact]
    public async Task A_version_without_files_is_not_found()
    {
        using var tree = new TempTree();
        tree.Write("numpy-1.20.0-cp38-cp38-manylinux1_x86_64.whl", "x");
        var lookup = await new WheelhouseDigestSource(tree.Root).LookupAsync("numpy", "1.19.5", CancellationToken.None);
        Assert.False(lookup.Found);
    }

    [Fact]
    public async Task An_empty_matching_file_is_an_error_not_a_digest()
    {
        using var tree = new TempTree();
        tree.Write("numpy-1.19.5.tar.gz", "");
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => new WheelhouseDigestSource(tree.Root).LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.Contains("not a distribution file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_an_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "modelgate-tests", Guid.NewGuid().ToString("N"));
        var ex = await Assert.ThrowsAsync<PackageIndexException>(() => new WheelhouseDigestSource(missing).LookupAsync("numpy", "1.19.5", CancellationToken.None));
        Assert.False(ex.Transient);
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
