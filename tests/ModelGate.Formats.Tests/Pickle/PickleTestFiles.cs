using ModelGate.Formats.Pickle;

namespace ModelGate.Formats.Tests.Pickle;

internal static class PickleTestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Pickle", "testdata", name);

    public static PickleFileAnalysis Analyze(string name, PickleAnalysisOptions? options = null)
    {
        using var stream = File.OpenRead(PathOf(name));
        return PickleAnalyzer.Analyze(stream, options);
    }

    public static PickleFileAnalysis Analyze(byte[] bytes, PickleAnalysisOptions? options = null) =>
        PickleAnalyzer.Analyze(new MemoryStream(bytes), options);
}

/// <summary>A read-only stream that cannot seek, like a zip member or a decompressing stream.</summary>
internal sealed class NonSeekableStream(byte[] data) : Stream
{
    private readonly MemoryStream _inner = new(data);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4093));
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
