using ModelGate.Formats.Pickle;

namespace ModelGate.Formats.Tests.Pickle;

public sealed class PickleHostileTests
{
    public static TheoryData<string> SmallFixtures => new()
    {
        "dict-protocol-0.pkl", "dict-protocol-2.pkl", "dict-protocol-5.pkl", "global-os-system.pkl", "getattr-import-module.pkl",
        "stack-global-memo.pkl", "build-instance.pkl", "joblib-arrays-protocol-4.joblib", "joblib-object-array-payload.joblib",
        "torch-legacy.pt", "three-pickles-payload-third.pkl",
    };

    [Theory]
    [MemberData(nameof(SmallFixtures))]
    public void Truncation_at_every_offset_is_reported_never_thrown(string file)
    {
        var bytes = File.ReadAllBytes(PickleTestFiles.PathOf(file));
        var full = PickleTestFiles.Analyze(bytes);
        Assert.Null(full.Error);
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];
            var seekable = PickleAnalyzer.Analyze(new MemoryStream(cut));
            var streamed = PickleAnalyzer.Analyze(new NonSeekableStream(cut));
            Assert.Equal(seekable.Error?.Message, streamed.Error?.Message);
            // A cut inside the first pickle always leaves it incomplete.
            if (length < full.Pickles[0].EndOffset)
                Assert.NotNull(seekable.Error);
        }
    }

    [Theory]
    [MemberData(nameof(SmallFixtures))]
    public void Random_byte_changes_are_reported_never_thrown(string file)
    {
        var bytes = File.ReadAllBytes(PickleTestFiles.PathOf(file));
        var random = new Random(4242);
        for (var round = 0; round < 300; round++)
        {
            var mutated = (byte[])bytes.Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            var result = PickleTestFiles.Analyze(mutated, new PickleAnalysisOptions { RecordListing = true });
            PickleDisassembly.Write(result, TextWriter.Null);
            Assert.NotNull(result.Pickles);
        }
    }

    [Theory]
    [InlineData("8e ffffffffffffff7f")]        // BINBYTES8 of 2^63-1 bytes
    [InlineData("8e ffffffffffffffff")]        // BINBYTES8 length above long.MaxValue
    [InlineData("8d 0000000001000000")]        // BINUNICODE8 of 4 GiB
    [InlineData("58 ffffffff")]                // BINUNICODE of 4 GiB
    [InlineData("42 ffffffff")]                // BINBYTES of 4 GiB
    [InlineData("54 ffffffff")]                // BINSTRING with a negative length
    [InlineData("8b ffffffff")]                // LONG4 with a negative length
    [InlineData("8b ffffff7f")]                // LONG4 of 2 GiB
    [InlineData("96 0000000000000080")]        // BYTEARRAY8 length with the sign bit
    [InlineData("80 ff")]                      // PROTO 255
    [InlineData("63 6f73")]                    // GLOBAL without end of line
    [InlineData("53 6e6f2071756f7465 0a 2e")]  // STRING without quotes
    [InlineData("49 78 0a 2e")]                // INT that is not a number
    [InlineData("70 2d31 0a")]                 // PUT -1 on an empty stack
    [InlineData("ff")]                         // unknown opcode
    [InlineData("")]                           // empty input
    public void Lying_lengths_and_bad_arguments_end_in_an_error(string hex)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        foreach (var stream in new Stream[] { new MemoryStream(bytes), new NonSeekableStream(bytes) })
        {
            var result = PickleAnalyzer.Analyze(stream);
            Assert.NotNull(result.Error);
            Assert.Equal("pickle", result.Error.Format);
        }
    }

    [Fact]
    public void Frame_length_past_the_previous_frame_is_an_anomaly_not_an_error()
    {
        // FRAME 2, then FRAME again one byte later: the second starts inside the first.
        var result = PickleTestFiles.Analyze(Convert.FromHexString("8004" + "950200000000000000" + "4e" + "950200000000000000" + "4e2e"));
        Assert.Contains(result.Anomalies, a => a.Kind == PickleAnomalyKind.FrameMismatch);
    }

    [Fact]
    public void Frame_longer_than_the_input_is_an_anomaly()
    {
        var result = PickleTestFiles.Analyze(Convert.FromHexString("8004" + "95ffffffffffffff7f" + "4e2e"));
        Assert.Null(result.Error);
        Assert.Contains(result.Anomalies, a => a.Kind == PickleAnomalyKind.FrameMismatch && a.Offset == 2);
    }

    [Fact]
    public void Memo_and_stack_limits_end_in_an_error()
    {
        var limits = new PickleLimits { MaxMemoEntries = 100, MaxStackDepth = 100 };
        var memo = new List<byte> { 0x80, 0x04 };
        for (var i = 0; i < 200; i++)
            memo.AddRange([0x4e, 0x94, 0x30]); // NONE MEMOIZE POP
        memo.AddRange([0x4e, 0x2e]);
        var memoResult = PickleTestFiles.Analyze([.. memo], new PickleAnalysisOptions { Limits = limits });
        Assert.Contains(memoResult.Anomalies, a => a.Kind == PickleAnomalyKind.LimitExceeded);
        Assert.NotNull(memoResult.Error);

        var stack = Enumerable.Repeat((byte)0x4e, 200).Append((byte)0x2e).ToArray();
        var stackResult = PickleTestFiles.Analyze(stack, new PickleAnalysisOptions { Limits = limits });
        Assert.Contains(stackResult.Anomalies, a => a.Kind == PickleAnomalyKind.LimitExceeded);
    }

    [Fact]
    public void Deep_nesting_and_self_reference_stay_bounded()
    {
        // 200,000 nested one-element tuples, then a list that contains itself through the memo, then a call on both.
        var bytes = new List<byte> { 0x80, 0x02, 0x29 };
        for (var i = 0; i < 200_000; i++)
            bytes.Add(0x85);
        bytes.AddRange([0x5d, 0x71, 0x00, 0x68, 0x00, 0x61, 0x86]); // EMPTY_LIST BINPUT 0 BINGET 0 APPEND TUPLE2
        bytes.AddRange([0x32, 0x52, 0x2e]); // DUP REDUCE: the pair is called with itself as arguments
        var result = PickleTestFiles.Analyze([.. bytes], new PickleAnalysisOptions { RecordListing = true });
        Assert.Null(result.Error);
        var call = Assert.Single(result.Calls);
        Assert.Null(call.Callable);
        Assert.InRange(call.ArgumentsPreview.Length, 1, 120);
        Assert.Contains(result.Anomalies, a => a.Kind == PickleAnomalyKind.UnresolvedCallTarget);
    }

    [Fact]
    public void Deep_marks_do_not_recurse()
    {
        var bytes = Enumerable.Repeat((byte)0x28, 500_000).Concat(Enumerable.Repeat((byte)0x74, 500_000)).Append((byte)0x2e).ToArray();
        var result = PickleTestFiles.Analyze(bytes);
        Assert.Null(result.Error);
        Assert.Equal(1_000_001, result.Pickles[0].OpcodeCount);
    }

    [Fact]
    public void A_million_opcode_pickle_is_analysed()
    {
        var bytes = new byte[2 + 1_000_000 + 2];
        bytes[0] = 0x80;
        bytes[1] = 0x02;
        for (var i = 2; i < bytes.Length - 2; i += 2)
        {
            bytes[i] = 0x4e;     // NONE
            bytes[i + 1] = 0x30; // POP
        }
        bytes[^2] = 0x4e;
        bytes[^1] = 0x2e;
        var result = PickleTestFiles.Analyze(bytes);
        Assert.Null(result.Error);
        Assert.Equal(1_000_003, result.Pickles[0].OpcodeCount);
    }

    [Fact]
    public void A_hundred_million_opcode_pickle_is_over_the_limit()
    {
        // 100 million NONE/POP pairs, generated on the fly without ever holding them.
        using var stream = new RepeatingStream([0x4e, 0x30], 100_000_000L);
        var result = PickleAnalyzer.Analyze(stream);
        Assert.NotNull(result.Error);
        Assert.Contains(result.Anomalies, a => a.Kind == PickleAnomalyKind.LimitExceeded);
        Assert.Equal(PickleLimits.Default.MaxOpcodesPerPickle + 1, result.Pickles[0].OpcodeCount);
    }

    [Fact]
    public void Many_tiny_pickles_end_at_the_pickle_limit()
    {
        var bytes = Enumerable.Range(0, 50).SelectMany(_ => new byte[] { 0x4e, 0x2e }).ToArray();
        var result = PickleTestFiles.Analyze(bytes, new PickleAnalysisOptions { Limits = new PickleLimits { MaxPicklesPerStream = 10 } });
        Assert.Equal(10, result.Pickles.Count);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Joblib_array_with_a_lying_shape_ends_in_an_error()
    {
        var bytes = File.ReadAllBytes(PickleTestFiles.PathOf("joblib-no-alignment.joblib"));
        // Shape (4,) is written as BININT1 4 followed by TUPLE1: make it 255 elements, past the end of the file.
        var at = bytes.AsSpan().IndexOf(new byte[] { (byte)'K', 0x04, 0x85 });
        Assert.True(at > 0);
        bytes[at + 1] = 0xff;
        var result = PickleTestFiles.Analyze(bytes);
        Assert.NotNull(result.Error);
        Assert.Contains("joblib array of 2040 bytes", result.Error.Message, StringComparison.Ordinal);
    }

    private sealed class RepeatingStream(byte[] pattern, long repeats) : Stream
    {
        private long _position;
        private readonly long _length = pattern.Length * repeats;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - _position);
            for (var i = 0; i < n; i++)
                buffer[offset + i] = pattern[(_position + i) % pattern.Length];
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
