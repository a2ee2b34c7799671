using System.Runtime.CompilerServices;

namespace ModelGate.Tests.Support;

/// <summary>
/// Golden files: expected output committed next to the tests. Set MODELGATE_UPDATE_GOLDEN=1 to rewrite
/// them from the current output (then review the diff before committing).
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "golden");
        var path = Path.Combine(directory, name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("MODELGATE_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run with MODELGATE_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }
}
