using System.Globalization;

namespace ModelGate.Benchmarks;

/// <summary>
/// A deterministic mix of version strings shaped like those on PyPI and in lockfiles: mostly X.Y.Z and X.Y,
/// then pre-releases, nightly dev builds, post-releases, CUDA/CPU local builds (torch "2.1.0+cu121"),
/// calendar versions, a few epochs, and spellings that need normalization ("v1.2", "1.0.0-rc.1").
/// </summary>
internal static class Pep440Corpus
{
    private static readonly string[] LocalLabels = ["cu121", "cu118", "cpu", "rocm5.6", "ubuntu-1", "g1a2b3c4"];
    private static readonly string[] PreLabels = ["a", "b", "rc"];

    public static string[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var versions = new string[count];
        for (var i = 0; i < count; i++)
            versions[i] = Next(random);
        return versions;
    }

    private static string Next(Random r)
    {
        var major = r.Next(0, 30);
        var minor = r.Next(0, 40);
        var micro = r.Next(0, 25);
        var roll = r.Next(1000);
        return roll switch
        {
            < 550 => Invariant($"{major}.{minor}.{micro}"),
            < 650 => Invariant($"{major}.{minor}"),
            < 750 => Invariant($"{major}.{minor}.{micro}{PreLabels[r.Next(PreLabels.Length)]}{r.Next(1, 5)}"),
            < 800 => Invariant($"{major}.{minor}.{micro}.dev{20240101 + r.Next(0, 1200)}"),
            < 830 => Invariant($"{major}.{minor}.{micro}.post{r.Next(1, 4)}"),
            < 900 => Invariant($"{major}.{minor}.{micro}+{LocalLabels[r.Next(LocalLabels.Length)]}"),
            < 940 => Invariant($"{2015 + r.Next(0, 11)}.{r.Next(1, 13)}.{r.Next(1, 29)}"),
            < 945 => Invariant($"1!{major}.{minor}"),
            < 960 => Invariant($"v{major}.{minor}.{micro}"),
            < 975 => Invariant($"{major}.{minor}.{micro}-rc.{r.Next(1, 4)}"),
            < 990 => Invariant($"{major}.{minor}.{micro}-alpha{r.Next(1, 4)}"),
            _ => Invariant($"{major}.{minor}.{micro}.{r.Next(0, 10)}rc{r.Next(1, 3)}.post1.dev{r.Next(0, 3)}"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
