namespace ModelGate.Formats.Pickle;

/// <summary>What the symbolic analysis of one pickle (PROTO ... STOP) found.</summary>
public sealed class PickleAnalysis
{
    internal PickleAnalysis(
        int protocol,
        long startOffset,
        long endOffset,
        bool complete,
        IReadOnlyList<PickleImport> imports,
        IReadOnlyList<PickleCall> calls,
        IReadOnlyList<PickleAnomaly> anomalies,
        IReadOnlyList<JoblibArray> joblibArrays,
        IReadOnlyList<PickleInstruction>? listing,
        MalformedDataException? error,
        long opcodeCount)
    {
        Protocol = protocol;
        StartOffset = startOffset;
        EndOffset = endOffset;
        Complete = complete;
        Imports = imports;
        Calls = calls;
        Anomalies = anomalies;
        JoblibArrays = joblibArrays;
        Listing = listing;
        Error = error;
        OpcodeCount = opcodeCount;
    }

    /// <summary>The highest PROTO seen; without PROTO, 1 when protocol-1 opcodes occur, else 0.</summary>
    public int Protocol { get; }

    /// <summary>Offset of the first opcode.</summary>
    public long StartOffset { get; }

    /// <summary>Offset just past STOP, or where analysis stopped.</summary>
    public long EndOffset { get; }

    /// <summary>True when STOP was reached.</summary>
    public bool Complete { get; }

    /// <summary>Every import, in stream order (nested joblib object-array pickles included).</summary>
    public IReadOnlyList<PickleImport> Imports { get; }

    /// <summary>Every call, in stream order.</summary>
    public IReadOnlyList<PickleCall> Calls { get; }

    /// <summary>Anomalies, in stream order; the error that stopped analysis is one of them.</summary>
    public IReadOnlyList<PickleAnomaly> Anomalies { get; }

    /// <summary>Arrays joblib wrote inline (skipped, not analysed as opcodes).</summary>
    public IReadOnlyList<JoblibArray> JoblibArrays { get; }

    /// <summary>The annotated listing, when asked for (bounded by <see cref="PickleLimits.MaxListingInstructions"/>).</summary>
    public IReadOnlyList<PickleInstruction>? Listing { get; }

    /// <summary>The error that stopped this pickle's analysis, if any.</summary>
    public MalformedDataException? Error { get; }

    /// <summary>Opcodes analysed.</summary>
    public long OpcodeCount { get; }
}
