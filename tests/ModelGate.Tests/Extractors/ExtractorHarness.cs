using ModelGate.Discovery;
using ModelGate.Extractors;
using ModelGate.Scanning;

namespace ModelGate.Tests.Extractors;

/// <summary>Runs one extractor on a file under Extractors/testdata or on text written to a temporary folder.</summary>
internal static class ExtractorHarness
{
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "Extractors", "testdata");

    /// <summary>Extracts a fixture; <paramref name="relativePath"/> is relative to testdata and is what reports show.</summary>
    public static ExtractionContext Run(IExtractor extractor, string relativePath)
    {
        var full = Path.Combine(TestData, relativePath);
        var file = new DiscoveredFile(full, relativePath, new FileInfo(full).Length);
        Assert.True(extractor.CanExtract(file), $"{extractor.Name} should claim {relativePath}");
        var context = new ExtractionContext(file, TestData, new ScanOptions());
        extractor.ExtractAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return context;
    }

    /// <summary>Writes <paramref name="content"/> as <paramref name="fileName"/> in a fresh folder and extracts it.</summary>
    public static ExtractionContext RunText(IExtractor extractor, string fileName, string content) =>
        RunBytes(extractor, fileName, System.Text.Encoding.UTF8.GetBytes(content));

    public static ExtractionContext RunBytes(IExtractor extractor, string fileName, byte[] content)
    {
        var root = Path.Combine(Path.GetTempPath(), "modelgate-tests", Guid.NewGuid().ToString("N"));
        var full = Path.Combine(root, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        try
        {
            var file = new DiscoveredFile(full, fileName.Replace('\\', '/'), content.Length);
            var context = new ExtractionContext(file, root, new ScanOptions());
            extractor.ExtractAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return context;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static string TestDataPath(params string[] parts) =>
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
