namespace ModelGate.Formats;

/// <summary>
/// Every bound a reader checks before it allocates or recurses. Hostile files are normal input: a lying
/// length, a 10 MB line or a thousand-deep include chain must end in a clear error, not in memory or time.
/// </summary>
public static class ReaderLimits
{
    /// <summary>Largest manifest or lockfile read as text (bytes). Real lockfiles stay well under 16 MiB.</summary>
    public const int MaxTextFileBytes = 64 * 1024 * 1024;

    /// <summary>Longest logical line in a requirements file, after joining continuations (characters).</summary>
    public const int MaxLogicalLineLength = 64 * 1024;

    /// <summary>Longest single PEP 508 requirement or version string parsed (characters).</summary>
    public const int MaxRequirementLength = 16 * 1024;

    /// <summary>Deepest chain of <c>-r</c>/<c>-c</c> includes followed.</summary>
    public const int MaxIncludeDepth = 32;

    /// <summary>Most requirement files read through includes from one root file.</summary>
    public const int MaxIncludedFiles = 1024;

    /// <summary>Deepest nesting of parentheses in an environment marker.</summary>
    public const int MaxMarkerDepth = 64;

    /// <summary>Most release segments in one version (1.2.3.4...).</summary>
    public const int MaxReleaseSegments = 64;

    /// <summary>Deepest nesting of tables/arrays/mappings accepted in TOML, JSON or YAML manifests.</summary>
    public const int MaxDocumentDepth = 128;

    /// <summary>Longest value of one core-metadata header field (METADATA, PKG-INFO), continuation lines included.</summary>
    public const int MaxMetadataFieldLength = 1024 * 1024;

    /// <summary>Most header fields read from one core-metadata file; real ones have a few hundred at most.</summary>
    public const int MaxMetadataFields = 20_000;

    /// <summary>
    /// Longest CVSS vector string parsed (characters). The longest valid v4.0 vector, every optional metric
    /// written out, is under 200 characters; v3.x ones are shorter still.
    /// </summary>
    public const int MaxCvssVectorLength = 512;

    /// <summary>
    /// Largest package-index JSON response read (bytes). PyPI's per-version JSON for the largest projects
    /// (hundreds of wheels) is well under 1 MiB; anything near this bound is not a real answer.
    /// </summary>
    public const int MaxPackageIndexResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Largest single OSV advisory read (bytes of JSON or YAML text). Real advisories are a few KiB; the
    /// largest on osv.dev (Linux kernel and Debian records with thousands of enumerated versions) stay under 4 MiB.
    /// </summary>
    public const int MaxAdvisoryBytes = 16 * 1024 * 1024;

    /// <summary>Most members read from one advisory archive (osv.dev's all.zip for every ecosystem has a few hundred thousand).</summary>
    public const int MaxAdvisoryArchiveMembers = 2_000_000;

    /// <summary>Most bytes decompressed from one advisory archive, all members together.</summary>
    public const long MaxAdvisoryArchiveBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// Highest ratio of decompressed to compressed size accepted for one archive member larger than
    /// <see cref="CompressionRatioFloorBytes"/>. OSV JSON deflates about 5-15 to 1; a zip bomb, thousands to 1.
    /// </summary>
    public const int MaxCompressionRatio = 200;

    /// <summary>Members smaller than this (bytes) are not ratio-checked: tiny repetitive files compress well and harm nothing.</summary>
    public const int CompressionRatioFloorBytes = 1024 * 1024;

    /// <summary>Most advisory files read from one folder tree.</summary>
    public const int MaxAdvisoryFiles = 2_000_000;

    /// <summary>
    /// Largest safetensors JSON header read (bytes). The reference reader (huggingface/safetensors
    /// <c>MAX_HEADER_SIZE</c>) refuses headers over 100 MB; the header is read whole, so this bounds memory too.
    /// </summary>
    public const int MaxSafetensorsHeaderBytes = 100_000_000;

    /// <summary>
    /// Largest <c>.npy</c> header read (bytes). numpy refuses headers over 10,000 bytes by default
    /// (<c>max_header_size</c>); we read up to this bound and report anything over numpy's.
    /// </summary>
    public const int MaxNpyHeaderBytes = 64 * 1024;

    /// <summary>numpy's default <c>max_header_size</c> (numpy/lib/format.py): larger headers need <c>allow_pickle</c> or an explicit bound.</summary>
    public const int NumpyDefaultMaxHeaderBytes = 10_000;

    /// <summary>
    /// Deepest nesting of deprecated protobuf groups skipped (wire types 3/4). No live schema we read uses
    /// groups; a few levels would be generous, a deep chain is only there to exhaust the stack.
    /// </summary>
    public const int MaxProtobufGroupDepth = 32;

    /// <summary>
    /// Largest Keras model config read as JSON (bytes): config.json of a .keras zip or the <c>model_config</c>
    /// attribute of a legacy .h5. Large real models (hundreds of layers) have configs of a few MiB.
    /// </summary>
    public const int MaxKerasConfigBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Deepest JSON nesting accepted in a Keras config. Keras nests model → layers → config → initializer →
    /// config, and nested models add a few levels each; 256 is far beyond any real model.
    /// </summary>
    public const int MaxKerasConfigDepth = 256;

    /// <summary>Largest marshalled code object decoded from a Lambda layer (bytes after base64). Real lambdas are a few KiB.</summary>
    public const int MaxMarshalledCodeBytes = 4 * 1024 * 1024;

    /// <summary>Most strings listed from one marshalled code object; enough for every name a real lambda uses.</summary>
    public const int MaxMarshalledCodeStrings = 256;
}
