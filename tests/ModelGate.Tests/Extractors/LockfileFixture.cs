using System.Security.Cryptography;
using System.Text;
using ModelGate.Discovery;
using ModelGate.Extractors;
using ModelGate.Inventory;
using ModelGate.Scanning;

namespace ModelGate.Tests.Extractors;

/// <summary>Runs a lockfile extractor on a fixture or on text written to a temporary folder.</summary>
internal static class LockfileFixture
{
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "Extractors", "testdata");

    public static ExtractionContext Run(IExtractor extractor, string folder, string fileName, string? relativePath = null)
    {
        var full = Path.Combine(TestData, folder, fileName);
        var context = new ExtractionContext(
            new DiscoveredFile(full, relativePath ?? fileName, new FileInfo(full).Length),
            Path.GetDirectoryName(full)!,
            new ScanOptions());
        extractor.ExtractAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return context;
    }

    public static ExtractionContext RunText(IExtractor extractor, string fileName, string text) =>
        RunBytes(extractor, fileName, Encoding.UTF8.GetBytes(text));

    public static ExtractionContext RunBytes(IExtractor extractor, string fileName, byte[] bytes)
    {
        var dir = Path.Combine(Path.GetTempPath(), "modelgate-locks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var full = Path.Combine(dir, fileName);
            File.WriteAllBytes(full, bytes);
            var context = new ExtractionContext(new DiscoveredFile(full, fileName, bytes.Length), dir, new ScanOptions());
            extractor.ExtractAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return context;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The fixtures' hashes are SHA-256 digests of a label, so tests can name them.</summary>
    public static string Sha(string label) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(label)));

    public static InventoryPackage Single(ExtractionContext context, string name, int line) =>
        Assert.Single(context.Packages, p => p.Name == name && p.Source.Line == line);
}
