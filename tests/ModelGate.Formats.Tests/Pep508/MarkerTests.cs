using ModelGate.Formats;
using ModelGate.Formats.Pep508;

namespace ModelGate.Formats.Tests.Pep508;

public sealed class MarkerTests
{
    private static readonly MarkerEnvironment Linux = MarkerEnvironment.For("3.11.4", "linux");
    private static readonly MarkerEnvironment Windows = MarkerEnvironment.For("3.11.4", "win32");

    [Theory]
    [InlineData("sys_platform == 'linux'", true, false)]
    [InlineData("sys_platform != 'linux'", false, true)]
    [InlineData("sys.platform == 'win32'", false, true)]
    [InlineData("os.name == 'posix'", true, false)]
    [InlineData("os_name == 'nt' or sys_platform == 'linux'", true, true)]
    [InlineData("os_name == 'nt' and sys_platform == 'linux'", false, false)]
    [InlineData("(os_name == 'nt' or os_name == 'posix') and platform_system == 'Linux'", true, false)]
    [InlineData("os_name == 'nt' and platform_system == 'Windows' or sys_platform == 'linux'", true, true)]
    [InlineData("'linux' in sys_platform", true, false)]
    [InlineData("'lin' in sys_platform", true, false)]
    [InlineData("'win' not in sys_platform", true, false)]
    [InlineData("sys_platform in 'linux darwin'", true, false)]
    [InlineData("platform_python_implementation == 'CPython'", true, true)]
    [InlineData("python_implementation == 'CPython'", true, true)]
    [InlineData("implementation_name == \"cpython\"", true, true)]
    [InlineData("platform_machine == 'x86_64'", false, false)]
    [InlineData("platform_machine == ''", true, true)]
    public void Evaluates_string_and_in_markers(string marker, bool onLinux, bool onWindows)
    {
        var expression = Marker.Parse(marker);
        Assert.Equal((onLinux, onWindows), (expression.Evaluate(Linux), expression.Evaluate(Windows)));
    }

    [Theory]
    [InlineData("python_version >= '3.8'", "3.11", true)]
    [InlineData("python_version >= '3.10'", "3.9", false)]
    // The case string comparison gets wrong: "3.10" < "3.9" as text.
    [InlineData("python_version >= '3.10'", "3.11", true)]
    [InlineData("python_version < '3.10'", "3.9", true)]
    [InlineData("python_version < '3.10'", "3.10", false)]
    [InlineData("python_version == '3.11'", "3.11", true)]
    [InlineData("python_version == '3.11.*'", "3.11", true)]
    [InlineData("python_version != '3.11.*'", "3.12", true)]
    [InlineData("python_version ~= '3.8'", "3.12", true)]
    [InlineData("python_version ~= '3.8.1'", "3.9", false)]
    [InlineData("python_full_version >= '3.11.4'", "3.11.4", true)]
    [InlineData("python_full_version < '3.11.4'", "3.11.3", true)]
    [InlineData("python_full_version >= '3.12.0rc1'", "3.12.0", true)]
    [InlineData("python_version > '3.8' and python_version < '3.12'", "3.11", true)]
    [InlineData("'3.6' < python_version", "3.11", true)]
    [InlineData("python_version === '3.11'", "3.11", true)]
    public void Version_operators_compare_with_pep_440_rules(string marker, string python, bool expected) =>
        Assert.Equal(expected, Marker.Parse(marker).Evaluate(MarkerEnvironment.For(python, "linux")));

    [Theory]
    [InlineData("platform_release >= '5.10'", "5.15.0-91-generic", true)]
    [InlineData("platform_release >= '6'", "5.15.0-91-generic", false)]
    public void Non_version_values_fall_back_to_string_comparison(string marker, string release, bool expected) =>
        Assert.Equal(expected, Marker.Parse(marker).Evaluate(Linux.With("platform_release", release)));

    [Theory]
    [InlineData("extra == 'test'", "test", true)]
    [InlineData("extra == 'Test_Extra'", "test-extra", true)]
    [InlineData("extra == 'test.extra'", "Test_Extra", true)]
    [InlineData("extra == 'test'", "docs", false)]
    [InlineData("extra == 'test'", "", false)]
    [InlineData("'gpu' == extra", "GPU", true)]
    public void Compares_extras_after_normalization(string marker, string extra, bool expected) =>
        Assert.Equal(expected, Marker.Parse(marker).Evaluate(Linux.With("extra", extra)));

    [Fact]
    public void Lists_the_variables_a_marker_mentions()
    {
        var expression = Marker.Parse("os.name == 'nt' and ('x' in sys_platform or extra == 'a')");

        Assert.Equal(["os_name", "sys_platform", "extra"], expression.Variables.ToList());
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("os_name", 8)]
    [InlineData("os_name == 'nt' and", 20)]
    [InlineData("os_name == 'nt' junk", 17)]
    [InlineData("os_name <> 'nt'", 10)]
    [InlineData("os_name = 'nt'", 9)]
    public void Reports_marker_errors_with_the_column(string marker, int column)
    {
        var ex = Assert.Throws<MalformedDataException>(() => Marker.Parse(marker));
        Assert.StartsWith($"column {column}:", ex.Reason, StringComparison.Ordinal);
    }
}
