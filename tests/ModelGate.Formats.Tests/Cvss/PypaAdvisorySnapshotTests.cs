using System.Text.RegularExpressions;
using ModelGate.Formats.Cvss;

namespace ModelGate.Formats.Tests.Cvss;

/// <summary>
/// Every CVSS vector in the PyPA advisory snapshot kept beside the repository (../shared/testdata/pypa-advisory-db,
/// read in place, never copied) parses and scores within range.
/// </summary>
public partial class PypaAdvisorySnapshotTests
{
    private const string SnapshotFolder = "shared/testdata/pypa-advisory-db";

    [GeneratedRegex(@"^\s*score:\s*['""]?(CVSS:[^\s'""]+)['""]?\s*$", RegexOptions.Multiline)]
    private static partial Regex ScoreLine();

    [Fact]
    public void Every_cvss_vector_in_the_pypa_snapshot_parses_with_a_score_consistent_with_its_severity()
    {
        var vulns = Path.Combine(FindSnapshot(), "vulns");
        var checkedVectors = 0;
        var failures = new List<string>();

        foreach (var file in Directory.EnumerateFiles(vulns, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (Match match in ScoreLine().Matches(File.ReadAllText(file)))
            {
                var text = match.Groups[1].Value;
                checkedVectors++;
                if (!CvssVector.TryParse(text, out var vector, out var error))
                {
                    failures.Add($"{Path.GetRelativePath(vulns, file)}: {text}: {error}");
                    continue;
                }

                Assert.InRange(vector.BaseScore, 0.0, 10.0);
                Assert.Equal(Math.Round(vector.BaseScore, 1), vector.BaseScore);
                Assert.Equal(CvssSeverityBands.For(vector.BaseScore), vector.Severity);
                Assert.Equal(text, vector.Vector);
            }
        }

        Assert.Empty(failures);
        // The snapshot carries about two hundred vectors; far fewer means the walk or the pattern is wrong.
        Assert.True(checkedVectors >= 150, $"only {checkedVectors} CVSS vectors found under {vulns}");
    }

    private static string FindSnapshot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, SnapshotFolder);
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} contains {SnapshotFolder}");
    }
}
