namespace ModelGate.Advisories.Sources;

/// <summary>
/// A folder or zip of OSV advisories (JSON or the PyPA YAML layout), read directly. Loaded once per
/// provider and reused for every scan: the scanner is long-lived in the gateway.
/// </summary>
internal sealed class FileAdvisoryProvider(string path) : IAdvisoryProvider
{
    private readonly Lazy<AdvisorySnapshot> _snapshot = new(() =>
    {
        var loaded = OsvFileSource.Load(path);
        return new AdvisorySnapshot(AdvisoryIndex.Build(loaded.Advisories), loaded.Warnings);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Description => _snapshot.IsValueCreated
        ? $"OSV files at {path} ({_snapshot.Value.Index.AdvisoryCount} advisories)"
        : $"OSV files at {path}";

    public Task<AdvisorySnapshot> LoadAsync(IReadOnlyCollection<(string Name, string? Version)> packages, CancellationToken cancellationToken) =>
        Task.FromResult(_snapshot.Value);
}
