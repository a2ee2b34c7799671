namespace ModelGate.Formats.Pickle;

/// <summary>What the analysis of every pickle in a stream (one after another) found.</summary>
public sealed class PickleFileAnalysis
{
    internal PickleFileAnalysis(IReadOnlyList<PickleAnalysis> pickles, bool isTorchLegacy, long? trailingDataOffset, long trailingDataLength, MalformedDataException? error)
    {
        Pickles = pickles;
        IsTorchLegacy = isTorchLegacy;
        TrailingDataOffset = trailingDataOffset;
        TrailingDataLength = trailingDataLength;
        Error = error;
    }

    /// <summary>One entry per pickle in the stream, in order.</summary>
    public IReadOnlyList<PickleAnalysis> Pickles { get; }

    /// <summary>
    /// True for the legacy <c>torch.save</c> layout (torch/serialization.py <c>_legacy_save</c>): magic-number
    /// pickle, protocol-version pickle, sys-info pickle, the object pickle, the storage-key pickle, then raw storage
    /// bytes, which are not read.
    /// </summary>
    public bool IsTorchLegacy { get; }

    /// <summary>Offset of bytes after the last pickle that are not a pickle, or null when there are none.</summary>
    public long? TrailingDataOffset { get; }

    /// <summary>Length of that trailing data.</summary>
    public long TrailingDataLength { get; }

    /// <summary>Every import of every pickle.</summary>
    public IEnumerable<PickleImport> Imports => Pickles.SelectMany(p => p.Imports);

    /// <summary>Every call of every pickle.</summary>
    public IEnumerable<PickleCall> Calls => Pickles.SelectMany(p => p.Calls);

    /// <summary>Every anomaly of every pickle.</summary>
    public IEnumerable<PickleAnomaly> Anomalies => Pickles.SelectMany(p => p.Anomalies);

    /// <summary>Every inline joblib array.</summary>
    public IEnumerable<JoblibArray> JoblibArrays => Pickles.SelectMany(p => p.JoblibArrays);

    /// <summary>The first error that stopped analysis, if any.</summary>
    public MalformedDataException? Error { get; }
}
