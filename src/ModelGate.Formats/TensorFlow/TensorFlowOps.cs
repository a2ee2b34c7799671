using System.Collections.Frozen;

namespace ModelGate.Formats.TensorFlow;

/// <summary>
/// Facts about TensorFlow op names: which stock ops can reach outside the graph (run Python, touch files,
/// talk to the network) and whether a name is a stock op at all. An allowlist of "safe" ops is impossible
/// (TensorFlow registers well over a thousand), so the engine combines <see cref="DangerousOps"/> with
/// <see cref="IsStandardOp"/>: a name that is not stock needs a custom kernel library.
/// </summary>
public static class TensorFlowOps
{
    private static readonly FrozenSet<string> Standard =
        TensorFlowOpNames.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Stock ops that act outside the tensor computation, with the reason. Save/SaveV2/SaveSlices/Restore/
    /// RestoreV2/RestoreSlice/MergeV2Checkpoints/ShardedFilename are absent on purpose: every SavedModel has
    /// them in its saver graph.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DangerousOps { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PyFunc"] = "runs a Python function registered in the loading process (tf.py_function / tf.numpy_function)",
        ["PyFuncStateless"] = "runs a Python function registered in the loading process",
        ["EagerPyFunc"] = "runs a Python function registered in the loading process (eager tf.py_function)",
        ["ReadFile"] = "reads any file the loading process can read",
        ["WriteFile"] = "writes any file the loading process can write",
        ["MatchingFiles"] = "lists files by glob pattern",
        ["MatchingFilesDataset"] = "lists files by glob pattern",
        ["ExperimentalMatchingFilesDataset"] = "lists files by glob pattern",
        ["ImmutableConst"] = "memory-maps a file named in the graph",
        ["LoadAndRemapMatrix"] = "reads a checkpoint file named by an input",
        ["GenerateVocabRemapping"] = "reads vocabulary files named by inputs",
        ["InitializeTableFromTextFile"] = "reads a text file named by an input",
        ["InitializeTableFromTextFileV2"] = "reads a text file named by an input",
        ["FixedUnigramCandidateSampler"] = "reads a vocabulary file named by an attribute",
        ["TFRecordDataset"] = "reads files named by an input",
        ["FixedLengthRecordDataset"] = "reads files named by an input",
        ["FixedLengthRecordDatasetV2"] = "reads files named by an input",
        ["TextLineDataset"] = "reads files named by an input",
        ["CSVDataset"] = "reads files named by an input",
        ["ExperimentalCSVDataset"] = "reads files named by an input",
        ["LMDBDataset"] = "reads an LMDB database named by an input",
        ["ExperimentalLMDBDataset"] = "reads an LMDB database named by an input",
        ["LMDBReader"] = "reads an LMDB database",
        ["WholeFileReader"] = "reads whole files",
        ["WholeFileReaderV2"] = "reads whole files",
        ["TFRecordReader"] = "reads record files",
        ["TFRecordReaderV2"] = "reads record files",
        ["TextLineReader"] = "reads text files",
        ["TextLineReaderV2"] = "reads text files",
        ["FixedLengthRecordReader"] = "reads record files",
        ["FixedLengthRecordReaderV2"] = "reads record files",
        ["RecordInput"] = "reads files matching a pattern",
        ["CacheDataset"] = "writes a cache file named by an input",
        ["CacheDatasetV2"] = "writes a cache file named by an input",
        ["SnapshotDataset"] = "writes snapshot files under a path",
        ["SnapshotDatasetV2"] = "writes snapshot files under a path",
        ["SaveDataset"] = "writes a dataset to a path",
        ["SaveDatasetV2"] = "writes a dataset to a path",
        ["LoadDataset"] = "reads a dataset from a path",
        ["DatasetToTFRecord"] = "writes a record file named by an input",
        ["ExperimentalDatasetToTFRecord"] = "writes a record file named by an input",
        ["SqlDataset"] = "opens a database connection named by an input",
        ["ExperimentalSqlDataset"] = "opens a database connection named by an input",
        ["CreateSummaryFileWriter"] = "writes event files under a directory named by an input",
        ["CreateSummaryDbWriter"] = "writes to a database named by an input",
        ["PrintV2"] = "prints to stdout/stderr or appends to a file (output_stream \"file://...\")",
        ["DebugIdentity"] = "sends tensors to debug_urls (file:// or grpc://)",
        ["DebugIdentityV2"] = "sends tensors to debug_urls (file:// or grpc://)",
        ["DebugIdentityV3"] = "sends tensors to debug_urls (file:// or grpc://)",
        ["DebugNanCount"] = "sends tensors to debug_urls",
        ["DebugNumericSummary"] = "sends tensors to debug_urls",
        ["FileSystemSetConfiguration"] = "changes file system configuration of the process",
        ["Send"] = "sends tensors to another device or task",
        ["Recv"] = "receives tensors from another device or task",
        ["_Send"] = "sends tensors to another device or task",
        ["_Recv"] = "receives tensors from another device or task",
        ["_HostSend"] = "sends tensors to another device or task",
        ["_HostRecv"] = "receives tensors from another device or task",
        ["RemoteCall"] = "runs a function on a remote target",
        ["RpcCall"] = "makes an RPC to a server named by an input",
        ["RpcClient"] = "creates an RPC client for an address named by an input",
        ["RpcServer"] = "starts an RPC server",
        ["RpcServerStart"] = "starts an RPC server",
        ["RpcServerRegister"] = "registers functions on an RPC server",
        ["CollectiveGather"] = "exchanges tensors with other workers",
        ["CollectiveGatherV2"] = "exchanges tensors with other workers",
        ["CollectiveBcastSend"] = "sends tensors to other workers",
        ["CollectiveBcastSendV2"] = "sends tensors to other workers",
        ["CollectiveBcastRecv"] = "receives tensors from other workers",
        ["CollectiveBcastRecvV2"] = "receives tensors from other workers",
        ["CollectiveReduce"] = "exchanges tensors with other workers",
        ["CollectiveReduceV2"] = "exchanges tensors with other workers",
        ["CollectiveReduceV3"] = "exchanges tensors with other workers",
        ["CollectiveAllToAllV2"] = "exchanges tensors with other workers",
        ["CollectiveAllToAllV3"] = "exchanges tensors with other workers",
        ["DataServiceDataset"] = "reads data from a tf.data service address",
        ["DataServiceDatasetV2"] = "reads data from a tf.data service address",
        ["DataServiceDatasetV3"] = "reads data from a tf.data service address",
        ["DataServiceDatasetV4"] = "reads data from a tf.data service address",
        ["RegisterDataset"] = "registers a dataset with a tf.data service address",
        ["RegisterDatasetV2"] = "registers a dataset with a tf.data service address",
        ["XlaCustomCall"] = "calls a native function by name",
        ["XlaCustomCallV2"] = "calls a native function by name",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>How many stock op names <see cref="IsStandardOp"/> knows.</summary>
    public static int StandardOpCount => Standard.Count;

    /// <summary>True when <paramref name="op"/> is a stock TensorFlow op name (case-sensitive, as the registry is).</summary>
    public static bool IsStandardOp(string op) => Standard.Contains(op) || DangerousOps.ContainsKey(op);
}
