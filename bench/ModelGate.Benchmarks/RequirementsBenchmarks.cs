using System.Text;
using BenchmarkDotNet.Attributes;
using ModelGate.Formats.Requirements;

namespace ModelGate.Benchmarks;

/// <summary>
/// The requirements reader on realistic inputs. Target: a 5,000-line file well under 50 ms, and time
/// linear in the number of lines (the 100,000-line case is 20 times the 5,000-line one).
/// </summary>
[MemoryDiagnoser]
public class RequirementsBenchmarks
{
    private string _plain5000 = string.Empty;
    private string _hashed5000 = string.Empty;
    private string _plain100000 = string.Empty;
    private string _longLine = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _plain5000 = Plain(5_000);
        _plain100000 = Plain(100_000);
        _hashed5000 = Hashed(5_000 / 4);
        _longLine = "numpy==1.26.4\n" + new string('x', 10 * 1024 * 1024) + "\nscipy==1.12.0\n";
    }

    /// <summary>5,000 lines of pins, markers, extras and comments, as a hand-written file has.</summary>
    [Benchmark(Baseline = true)]
    public int Read5000Lines() => RequirementsReader.Read(_plain5000).Entries.Count;

    /// <summary>5,000 lines of pip-compile --generate-hashes output (continuations, --hash, # via).</summary>
    [Benchmark]
    public int Read5000LinesOfPipCompileHashes() => RequirementsReader.Read(_hashed5000).Entries.Count;

    [Benchmark]
    public int Read100000Lines() => RequirementsReader.Read(_plain100000).Entries.Count;

    /// <summary>A 10 MB single line: refused after MaxLogicalLineLength characters, without copying it.</summary>
    [Benchmark]
    public int Read10MegabyteLine() => RequirementsReader.Read(_longLine).Entries.Count;

    private static string Plain(int lines)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            switch (i % 5)
            {
                case 0:
                    sb.Append("# group ").Append(i).Append('\n');
                    break;
                case 1:
                    sb.Append("package-").Append(i).Append("==1.").Append(i % 13).Append(".0\n");
                    break;
                case 2:
                    sb.Append("Package_").Append(i).Append("[extra] >= 2.0, < 3 ; python_version >= \"3.9\"\n");
                    break;
                case 3:
                    sb.Append("pkg").Append(i).Append(" @ https://files.example.com/pkg").Append(i).Append("-1.0-py3-none-any.whl\n");
                    break;
                default:
                    sb.Append("lib").Append(i).Append("~=4.").Append(i % 7).Append("  # pinned for torch\n");
                    break;
            }
        }
        return sb.ToString();
    }

    private static string Hashed(int packages)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < packages; i++)
        {
            sb.Append("package-").Append(i).Append("==2.").Append(i % 11).Append(".1 \\\n")
              .Append("    --hash=sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb \\\n")
              .Append("    --hash=sha256:3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d\n")
              .Append("    # via package-").Append(i + 1).Append('\n');
        }
        return sb.ToString();
    }
}
