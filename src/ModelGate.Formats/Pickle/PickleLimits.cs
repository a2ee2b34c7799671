namespace ModelGate.Formats.Pickle;

/// <summary>
/// Bounds for pickle analysis. A pickle is a program; a hostile one can be built to exhaust memory or time
/// (a billion opcodes, a deep stack, millions of memo slots), so each resource has a named bound, and crossing
/// it ends the analysis with an error rather than with memory or time.
/// </summary>
public sealed class PickleLimits
{
    /// <summary>The defaults.</summary>
    public static PickleLimits Default { get; } = new();

    /// <summary>
    /// Most opcodes analysed in one pickle. Real model pickles hold a few thousand to a few million opcodes (a
    /// DataFrame with millions of object strings is the heavy case); 50 million is past that and still analysed in
    /// well under a minute, while a 100-million-opcode pickle is refused.
    /// </summary>
    public long MaxOpcodesPerPickle { get; init; } = 50_000_000;

    /// <summary>
    /// Deepest symbolic stack (elements above all marks together). Protocol 1+ pickles build long lists with
    /// APPENDS in batches of 1,000; only a huge literal tuple comes near this.
    /// </summary>
    public int MaxStackDepth { get; init; } = 1_000_000;

    /// <summary>
    /// Most memo entries kept. Protocol 4 memoizes every container and string; a few million is a very large real
    /// object graph, and each entry holds a symbolic value, so this bounds memory too.
    /// </summary>
    public int MaxMemoEntries { get; init; } = 8_000_000;

    /// <summary>Most pickles read one after another from one stream (legacy torch.save writes five; joblib one, plus nested ones for object arrays).</summary>
    public int MaxPicklesPerStream { get; init; } = 10_000;

    /// <summary>Deepest nesting followed when describing or resolving symbolic values (tuples in tuples, calls on calls).</summary>
    public int MaxValueNesting { get; init; } = 64;

    /// <summary>Most elements kept per symbolic container; the rest are counted, not kept.</summary>
    public int MaxContainerItemsKept { get; init; } = 64;

    /// <summary>Bytes kept of a bytes or string argument; the rest is skipped without being read into memory.</summary>
    public int MaxPreviewBytes { get; init; } = 1024;

    /// <summary>Deepest nesting of pickles inside pickles (joblib object arrays carry a complete pickle inline).</summary>
    public int MaxNestedPickleDepth { get; init; } = 8;

    /// <summary>Most instructions kept in a listing (<see cref="PickleAnalysisOptions.RecordListing"/>); the rest are counted.</summary>
    public int MaxListingInstructions { get; init; } = 100_000;

    /// <summary>Most anomalies recorded per pickle; a pickle with a million broken calls needs only the first ones to be judged.</summary>
    public int MaxAnomaliesPerPickle { get; init; } = 10_000;

    /// <summary>Most imports or calls recorded per pickle (each list separately); the analysis goes on past it, with an anomaly.</summary>
    public int MaxRecordsPerPickle { get; init; } = 1_000_000;
}
