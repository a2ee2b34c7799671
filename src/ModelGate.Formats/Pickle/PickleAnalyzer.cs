namespace ModelGate.Formats.Pickle;

/// <summary>
/// Static analysis of pickle streams: every import and call the unpickler would perform, found by symbolic
/// execution, never by unpickling. Reads all pickles written one after another (legacy <c>torch.save</c> writes
/// five), joblib arrays inline, and stops cleanly at data that is not a pickle.
/// </summary>
public static class PickleAnalyzer
{
    /// <summary>
    /// A following "pickle" that breaks within this many opcodes having imported and called nothing is taken as
    /// trailing data, not as a broken pickle: random bytes often decode as a few opcodes.
    /// </summary>
    internal const int TrailingProbeOpcodes = 8;

    // torch/serialization.py: MAGIC_NUMBER = 0x1950a86a20f9469cfc6c, PROTOCOL_VERSION = 1001.
    private const string TorchMagicNumber = "119547037146038801333356";
    private const long TorchProtocolVersion = 1001;

    /// <summary>The pickles of a legacy torch.save file before its raw storage bytes.</summary>
    private const int TorchLegacyPickles = 5;

    /// <summary>
    /// Analyses every pickle from the stream's current position to its end (or to the first error). Offsets are
    /// counted from that position. Bad data is reported in the result (<see cref="PickleFileAnalysis.Error"/>),
    /// never thrown; only I/O errors of the stream itself propagate.
    /// </summary>
    public static PickleFileAnalysis Analyze(Stream input, PickleAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new PickleAnalysisOptions();
        var reader = new PickleTokenReader(input, options.Limits.MaxPreviewBytes);
        var pickles = new List<PickleAnalysis>();
        var torchMagic = false;
        var torchLegacy = false;
        long? trailingOffset = null;
        long trailingLength = 0;
        MalformedDataException? error = null;
        while (reader.PeekByte() >= 0)
        {
            if (pickles.Count >= options.Limits.MaxPicklesPerStream)
            {
                error = new MalformedDataException("pickle", $"more than {options.Limits.MaxPicklesPerStream} pickles in one stream", reader.Position);
                break;
            }
            var start = reader.Position;
            var machine = new PickleMachine(reader, options, nesting: 0);
            var analysis = machine.Run();
            if (pickles.Count > 0 && analysis.Error is not null && analysis.Imports.Count == 0 && analysis.Calls.Count == 0
                && analysis.OpcodeCount <= TrailingProbeOpcodes)
            {
                trailingOffset = start;
                trailingLength = reader.Position - start + reader.SkipToEnd();
                break;
            }
            pickles.Add(analysis);
            if (analysis.Error is not null)
            {
                error = analysis.Error;
                break;
            }
            var result = machine.Result as PickleScalar;
            if (pickles.Count == 1)
                torchMagic = result?.Repr == TorchMagicNumber;
            else if (pickles.Count == 2)
                torchLegacy = torchMagic && result?.Integer == TorchProtocolVersion;
            if (torchLegacy && pickles.Count == TorchLegacyPickles)
                break;
        }
        if (pickles.Count == 0 && error is null)
            error = new MalformedDataException("pickle", "input is empty", 0);
        return new PickleFileAnalysis(pickles, torchLegacy, trailingOffset, trailingLength, error);
    }
}
