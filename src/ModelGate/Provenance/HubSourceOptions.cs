using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;

namespace ModelGate.Provenance;

/// <summary>How Hub models are fetched and judged: the Hub, where downloads go, and what pins and trusts them.</summary>
/// <param name="Settings">Endpoint, token, the huggingface_hub cache and offline mode.</param>
/// <param name="WorkCache">
/// Where models fetched only to be scanned or locked are kept, in the huggingface_hub layout. Not the shared
/// huggingface_hub cache: a model that was scanned has not been approved, and transformers would load anything
/// placed there. <c>modelgate pull</c> places approved models in the shared cache.
/// </param>
internal sealed record HubSourceOptions(HubSettings Settings, string WorkCache)
{
    public HubClientOptions? Client { get; init; }

    /// <summary>The lock that pins models, or null.</summary>
    public ModelLock? Lock { get; init; }

    /// <summary>The lock file as the user named it, for messages.</summary>
    public string? LockDisplay { get; init; }

    /// <summary>Glob patterns of the repository files to fetch (huggingface_hub allow_patterns); empty = all.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Organizations whose models are trusted; empty = no list configured (no MG3002 findings).</summary>
    public IReadOnlyList<string> TrustedOrganizations { get; init; } = [];

    /// <summary>Receives byte counts as files download or hash.</summary>
    public Action<long>? Progress { get; init; }

    /// <summary>Receives the total bytes to fetch once the files are decided.</summary>
    public Action<long>? ProgressTotal { get; init; }

    /// <summary>Files fetched at once.</summary>
    public int Parallelism { get; init; } = 4;
}
