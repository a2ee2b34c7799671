namespace ModelGate.Provenance.Hub;

/// <summary>
/// How <see cref="HubClient"/> talks to the Hub. Defaults suit huggingface.co; tests shrink the limits and
/// inject <see cref="Delay"/> and <see cref="Jitter"/> so that backoff does not really sleep.
/// </summary>
internal sealed record HubClientOptions
{
    /// <summary>
    /// Longest wait for the answer's headers, and for each next chunk of a download's body: a download of many
    /// gigabytes may take hours, but never stalls longer than this. A metadata exchange must finish within it.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request or download when the Hub answers 429 or 5xx, or the connection breaks.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Longest <c>Retry-After</c> honoured; a longer one fails at once rather than parking the run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>First backoff delay; doubled per attempt, with jitter.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest computed backoff between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Waits between attempts; replaced in tests to record the delay instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }

    /// <summary>Source of backoff jitter in [0, 1); replaced in tests for repeatable delays.</summary>
    public Func<double>? Jitter { get; init; }

    /// <summary>Largest model-info answer read (bytes); the Hub's answer for a 10,000-file repository is a few MiB.</summary>
    public long MaxMetadataBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest <c>cardData</c> or <c>config</c> object kept as raw JSON; a larger one is dropped.</summary>
    public int MaxEmbeddedJsonBytes { get; init; } = 1024 * 1024;

    /// <summary>Concurrent HEAD requests in <see cref="HubClient.CompleteMetadataAsync"/>.</summary>
    public int MetadataParallelism { get; init; } = 8;

    /// <summary>Clock for <c>Retry-After</c> given as an HTTP date.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The HTTP stack; null for a <see cref="SocketsHttpHandler"/> made and owned by the client.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
