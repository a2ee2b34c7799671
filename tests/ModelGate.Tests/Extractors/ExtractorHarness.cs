using ModelGate.Discovery;
using ModelGate.Extractors;
using ModelGate.Scanning;

namespace ModelGate.Tests.Extractors;

/// <summary>Runs an extractor on a file the way the scanner does: discovered under a root, read through a context.</summary>
internal static class ExtractorHarness
{
    public static string TestData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Extractors", "testdata", .. parts]);

    public static ExtractionContext Run(IExtractor extractor, string rootDirectory, string relativePath)
    {
        var full = Path.Combine(rootDirectory, relativePath);
        var file = new DiscoveredFile(full, relativePath.Replace('\\', '/'), new FileInfo(full).Length);
        var context = new ExtractionContext(file, rootDirectory, new ScanOptions());
        extractor.ExtractAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return context;
    }
}

/// <summary>A scratch folder for generated (hostile) inputs, removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modelgate-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string text) => WriteBytes(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return relativePath;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
