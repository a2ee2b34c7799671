using System.Globalization;

namespace ModelGate.Signatures.Tuf;

/// <summary>
/// The TUF client workflow of the specification's §5 "Detailed client workflow" (version 1.0.x): update the
/// root by walking N+1.root.json, then timestamp, snapshot and top-level targets, with signature thresholds,
/// rollback, freeze and mix-and-match checks, and download targets by their signed length and hashes. The
/// trusted metadata lives in a <see cref="TufLocalStore"/>; every network read goes through an
/// <see cref="ITufFetcher"/> with a size limit.
/// </summary>
internal sealed class TufUpdater(TufLocalStore store, ITufFetcher fetcher, Uri metadataBase, Uri targetsBase, TufLimits limits, TimeProvider time)
{
    private const string RootFile = "root.json";
    private const string TimestampFile = "timestamp.json";
    private const string SnapshotFile = "snapshot.json";
    private const string TargetsFile = "targets.json";

    /// <summary>
    /// Runs §5.1–§5.6. <paramref name="bootstrapRoot"/> is the starting point when the store has no root. A root
    /// the user vouches for (<paramref name="bootstrapOverridesOlderCache"/>) also replaces a cached root of a
    /// lower version; a cached root of a higher version is never replaced (no rollback of trust).
    /// </summary>
    /// <exception cref="TufException">Any check failed; the message names the file, its version and the check.</exception>
    public async Task<TufTrustedSet> RefreshAsync(byte[]? bootstrapRoot, string bootstrapName, bool bootstrapOverridesOlderCache, CancellationToken cancellationToken)
    {
        // §5.1: one fixed time for every expiry check of this update.
        var now = time.GetUtcNow();
        var startRoot = LoadTrustedRoot(bootstrapRoot, bootstrapName, bootstrapOverridesOlderCache);
        var root = await UpdateRootAsync(startRoot, cancellationToken).ConfigureAwait(false);

        // §5.3.10: the final root must not have expired (freeze attack).
        if (root.Metadata.IsExpiredAt(now))
            throw Expired(root.Metadata, "freeze attack, or a repository nobody maintains");

        // §5.3.11: new timestamp or snapshot keys invalidate what they signed (fast-forward attack recovery).
        if (root.Version != startRoot.Version
            && (!root.SameKeys(startRoot, TufRoot.TimestampRole) || !root.SameKeys(startRoot, TufRoot.SnapshotRole)))
        {
            store.Delete(TimestampFile);
            store.Delete(SnapshotFile);
        }

        var timestamp = await UpdateTimestampAsync(root, now, cancellationToken).ConfigureAwait(false);
        var snapshot = await UpdateSnapshotAsync(root, timestamp, now, cancellationToken).ConfigureAwait(false);
        var targets = await UpdateTargetsAsync(root, snapshot, now, cancellationToken).ConfigureAwait(false);
        return new TufTrustedSet(root, timestamp, snapshot, targets);
    }

    /// <summary>
    /// Verifies the cached metadata without the network: the root's own signatures, each file's signatures,
    /// the versions and hashes each file states for the next, and every expiry.
    /// </summary>
    public TufTrustedSet LoadCached()
    {
        var now = time.GetUtcNow();
        var rootBytes = store.Read(RootFile, limits.MaxRootLength)
            ?? throw new TufException($"{Path.Combine(store.Folder, RootFile)}: no cached TUF root (run update-trust online first)");
        var root = ReadSelfSignedRoot(rootBytes, Path.Combine(store.Folder, RootFile));
        if (root.Metadata.IsExpiredAt(now))
            throw Expired(root.Metadata, "update the trust root online");
        var timestamp = VerifyTimestamp(Cached(TimestampFile, limits.MaxTimestampLength), root, null, now);
        var snapshot = VerifySnapshot(Cached(SnapshotFile, limits.MaxSnapshotLength), root, timestamp, null, now);
        var targets = VerifyTargets(Cached(TargetsFile, limits.MaxTargetsLength), root, snapshot, now);
        return new TufTrustedSet(root, timestamp, snapshot, targets);
    }

    /// <summary>§5.7: the target's bytes, checked against the length and every hash targets.json gives.</summary>
    public async Task<byte[]> DownloadTargetAsync(TufTrustedSet trusted, string name, CancellationToken cancellationToken)
    {
        var info = FindTarget(trusted, name);
        var path = TargetPath(name, info, trusted.Root.ConsistentSnapshot);
        var what = $"target {name}";
        _ = Bounded(info.Length, limits.MaxTargetLength, what, "targets.json");
        var bytes = await fetcher.FetchAsync(new Uri(targetsBase, path), info.Length, what, cancellationToken).ConfigureAwait(false)
            ?? throw new TufException($"{what}: {new Uri(targetsBase, path)} does not exist on the repository");
        TufIntegrity.RequireLengthAndHashes(bytes, info.Length, info.Hashes, $"{what} (targets.json version {trusted.Targets.Version})");
        return bytes;
    }

    /// <summary>Checks bytes already on disk against the target's signed length and hashes.</summary>
    public static void VerifyTarget(TufTrustedSet trusted, string name, byte[] bytes, string what)
    {
        var info = FindTarget(trusted, name);
        TufIntegrity.RequireLengthAndHashes(bytes, info.Length, info.Hashes, $"{what} (targets.json version {trusted.Targets.Version} lists {name})");
    }

    private static TufTargetFile FindTarget(TufTrustedSet trusted, string name)
    {
        if (trusted.Targets.Targets.TryGetValue(name, out var info))
            return info;
        var delegated = trusted.Targets.HasDelegations ? "; delegated targets roles are not searched by this client" : "";
        throw new TufException($"targets.json: version {trusted.Targets.Version} does not list {name}{delegated}");
    }

    private TufRoot LoadTrustedRoot(byte[]? bootstrapRoot, string bootstrapName, bool bootstrapOverridesOlderCache)
    {
        var cachedPath = Path.Combine(store.Folder, RootFile);
        var cachedBytes = store.Read(RootFile, limits.MaxRootLength);
        var cached = cachedBytes is null ? null : ReadSelfSignedRoot(cachedBytes, cachedPath);
        if (cached is not null && !bootstrapOverridesOlderCache)
            return cached;
        var bootstrap = bootstrapRoot is null ? null : ReadSelfSignedRoot(bootstrapRoot, bootstrapName);
        if (cached is null && bootstrap is null)
            throw new TufException($"{cachedPath}: no trusted TUF root yet; give one with --root");
        if (bootstrap is not null && (cached is null || bootstrap.Version > cached.Version))
        {
            store.Write(RootFile, bootstrapRoot!);
            return bootstrap;
        }
        return cached!;
    }

    /// <summary>§5.2: a root is trusted as given, but it must at least carry its own threshold of signatures.</summary>
    private TufRoot ReadSelfSignedRoot(byte[] bytes, string file)
    {
        var root = TufMetadataReader.ReadRoot(bytes, file, limits);
        TufIntegrity.RequireThreshold(root.Metadata, root, TufRoot.RootRole, "itself");
        return root;
    }

    private async Task<TufRoot> UpdateRootAsync(TufRoot trusted, CancellationToken cancellationToken)
    {
        for (var step = 0; step < limits.MaxRootRotations; step++)
        {
            // §5.3.3: N+1.root.json, whatever consistent_snapshot says.
            var next = trusted.Version + 1;
            var file = string.Create(CultureInfo.InvariantCulture, $"{next}.root.json");
            var bytes = await fetcher.FetchAsync(new Uri(metadataBase, file), limits.MaxRootLength, file, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
                break;
            var candidate = TufMetadataReader.ReadRoot(bytes, file, limits);
            // §5.3.5 and §5.3.6: the old root's threshold of old keys and the new root's threshold of new keys.
            TufIntegrity.RequireThreshold(candidate.Metadata, trusted, TufRoot.RootRole, string.Create(CultureInfo.InvariantCulture, $"the trusted root version {trusted.Version}"));
            TufIntegrity.RequireThreshold(candidate.Metadata, candidate, TufRoot.RootRole, "itself");
            // §5.3.7: exactly N+1 (a skipped or repeated version is a rollback or a replay).
            if (candidate.Version != next)
                throw new TufException(string.Create(CultureInfo.InvariantCulture,
                    $"{file}: version {candidate.Version}, expected {next} (root versions advance one at a time)"));
            // §5.3.8: the new root is trusted and persisted before the next step.
            store.Write(RootFile, bytes);
            trusted = candidate;
        }
        return trusted;
    }

    private async Task<TufTimestamp> UpdateTimestampAsync(TufRoot root, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var trusted = LoadLocal(TimestampFile, limits.MaxTimestampLength, bytes => TufMetadataReader.ReadTimestamp(bytes, TimestampFile, limits),
            t => TufIntegrity.RequireThreshold(t.Metadata, root, TufRoot.TimestampRole, RootName(root)));
        // §5.4.1: timestamp.json has no version prefix, even with consistent snapshots.
        var bytes = await fetcher.FetchAsync(new Uri(metadataBase, TimestampFile), limits.MaxTimestampLength, TimestampFile, cancellationToken).ConfigureAwait(false)
            ?? throw new TufException($"{TimestampFile}: {new Uri(metadataBase, TimestampFile)} does not exist on the repository");
        var timestamp = VerifyTimestamp(bytes, root, trusted, now);
        if (!ReferenceEquals(timestamp, trusted))
            store.Write(TimestampFile, bytes);
        return timestamp;
    }

    private TufTimestamp VerifyTimestamp(byte[] bytes, TufRoot root, TufTimestamp? trusted, DateTimeOffset now)
    {
        var timestamp = TufMetadataReader.ReadTimestamp(bytes, TimestampFile, limits);
        TufIntegrity.RequireThreshold(timestamp.Metadata, root, TufRoot.TimestampRole, RootName(root));
        if (trusted is not null)
        {
            // §5.4.3.1 and §5.4.3.2: neither the timestamp nor the snapshot version it names may go back.
            if (timestamp.Version < trusted.Version)
                throw Rollback(timestamp.Metadata, trusted.Version);
            if (timestamp.Snapshot.Version < trusted.Snapshot.Version)
                throw new TufException(string.Create(CultureInfo.InvariantCulture,
                    $"{TimestampFile}: version {timestamp.Version} names snapshot.json version {timestamp.Snapshot.Version}, lower than the trusted {trusted.Snapshot.Version} (rollback)"));
            // The same version again: keep what was trusted, as python-tuf does.
            if (timestamp.Version == trusted.Version)
                timestamp = trusted;
        }
        // §5.4.4
        if (timestamp.Metadata.IsExpiredAt(now))
            throw Expired(timestamp.Metadata, "freeze attack, or the repository's timestamp is not being renewed");
        return timestamp;
    }

    private async Task<TufSnapshot> UpdateSnapshotAsync(TufRoot root, TufTimestamp timestamp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meta = timestamp.Snapshot;
        var trusted = LoadLocal(SnapshotFile, limits.MaxSnapshotLength, bytes => TufMetadataReader.ReadSnapshot(bytes, SnapshotFile, limits),
            s => TufIntegrity.RequireThreshold(s.Metadata, root, TufRoot.SnapshotRole, RootName(root)));
        if (trusted is not null && trusted.Version == meta.Version && TufIntegrity.Matches(trusted.Metadata.Bytes, meta.Length, meta.Hashes))
            return VerifySnapshot(trusted.Metadata.Bytes, root, timestamp, null, now);
        // §5.5.1: VERSION.snapshot.json with consistent snapshots, the version from timestamp.json.
        var remote = root.ConsistentSnapshot ? string.Create(CultureInfo.InvariantCulture, $"{meta.Version}.{SnapshotFile}") : SnapshotFile;
        var bytes = await fetcher.FetchAsync(new Uri(metadataBase, remote), Bounded(meta.Length, limits.MaxSnapshotLength, SnapshotFile, "timestamp.json"), SnapshotFile, cancellationToken).ConfigureAwait(false)
            ?? throw new TufException($"{SnapshotFile}: {new Uri(metadataBase, remote)} does not exist on the repository");
        var snapshot = VerifySnapshot(bytes, root, timestamp, trusted, now);
        store.Write(SnapshotFile, bytes);
        return snapshot;
    }

    private TufSnapshot VerifySnapshot(byte[] bytes, TufRoot root, TufTimestamp timestamp, TufSnapshot? trusted, DateTimeOffset now)
    {
        var meta = timestamp.Snapshot;
        // §5.5.2: hashes and length as timestamp.json states them, before parsing.
        TufIntegrity.RequireLengthAndHashes(bytes, meta.Length, meta.Hashes,
            string.Create(CultureInfo.InvariantCulture, $"{SnapshotFile} (version {meta.Version} per timestamp.json version {timestamp.Version})"));
        var snapshot = TufMetadataReader.ReadSnapshot(bytes, SnapshotFile, limits);
        // §5.5.3
        TufIntegrity.RequireThreshold(snapshot.Metadata, root, TufRoot.SnapshotRole, RootName(root));
        // §5.5.4
        if (snapshot.Version != meta.Version)
            throw new TufException(string.Create(CultureInfo.InvariantCulture,
                $"{SnapshotFile}: version {snapshot.Version}, but timestamp.json version {timestamp.Version} names version {meta.Version}"));
        // §5.5.5: every targets file the trusted snapshot lists is still listed, at no lower version.
        if (trusted is not null)
        {
            foreach (var (name, old) in trusted.Meta.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (!snapshot.Meta.TryGetValue(name, out var current))
                    throw new TufException(string.Create(CultureInfo.InvariantCulture,
                        $"{SnapshotFile}: version {snapshot.Version} no longer lists {name}, which the trusted version {trusted.Version} lists (rollback)"));
                if (current.Version < old.Version)
                    throw new TufException(string.Create(CultureInfo.InvariantCulture,
                        $"{SnapshotFile}: version {snapshot.Version} lists {name} version {current.Version}, lower than version {old.Version} in the trusted version {trusted.Version} (rollback)"));
            }
        }
        // §5.5.6
        if (snapshot.Metadata.IsExpiredAt(now))
            throw Expired(snapshot.Metadata, "freeze attack, or a repository nobody maintains");
        return snapshot;
    }

    private async Task<TufTargets> UpdateTargetsAsync(TufRoot root, TufSnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meta = TargetsMeta(snapshot);
        var trusted = LoadLocal(TargetsFile, limits.MaxTargetsLength, bytes => TufMetadataReader.ReadTargets(bytes, TargetsFile, limits),
            t => TufIntegrity.RequireThreshold(t.Metadata, root, TufRoot.TargetsRole, RootName(root)));
        if (trusted is not null && trusted.Version == meta.Version && TufIntegrity.Matches(trusted.Metadata.Bytes, meta.Length, meta.Hashes))
            return VerifyTargets(trusted.Metadata.Bytes, root, snapshot, now);
        // §5.6.1
        var remote = root.ConsistentSnapshot ? string.Create(CultureInfo.InvariantCulture, $"{meta.Version}.{TargetsFile}") : TargetsFile;
        var bytes = await fetcher.FetchAsync(new Uri(metadataBase, remote), Bounded(meta.Length, limits.MaxTargetsLength, TargetsFile, "snapshot.json"), TargetsFile, cancellationToken).ConfigureAwait(false)
            ?? throw new TufException($"{TargetsFile}: {new Uri(metadataBase, remote)} does not exist on the repository");
        var targets = VerifyTargets(bytes, root, snapshot, now);
        store.Write(TargetsFile, bytes);
        return targets;
    }

    private TufTargets VerifyTargets(byte[] bytes, TufRoot root, TufSnapshot snapshot, DateTimeOffset now)
    {
        var meta = TargetsMeta(snapshot);
        // §5.6.2
        TufIntegrity.RequireLengthAndHashes(bytes, meta.Length, meta.Hashes,
            string.Create(CultureInfo.InvariantCulture, $"{TargetsFile} (version {meta.Version} per snapshot.json version {snapshot.Version})"));
        var targets = TufMetadataReader.ReadTargets(bytes, TargetsFile, limits);
        // §5.6.3
        TufIntegrity.RequireThreshold(targets.Metadata, root, TufRoot.TargetsRole, RootName(root));
        // §5.6.4
        if (targets.Version != meta.Version)
            throw new TufException(string.Create(CultureInfo.InvariantCulture,
                $"{TargetsFile}: version {targets.Version}, but snapshot.json version {snapshot.Version} names version {meta.Version}"));
        // §5.6.5
        if (targets.Metadata.IsExpiredAt(now))
            throw Expired(targets.Metadata, "freeze attack, or a repository nobody maintains");
        return targets;
    }

    /// <summary>The signed length, or the default limit when none is signed; a signed length above the limit is refused before any download.</summary>
    private static long Bounded(long? signedLength, long limit, string what, string signer) =>
        signedLength is not { } length ? limit
        : length <= limit ? length
        : throw new TufException(string.Create(CultureInfo.InvariantCulture, $"{what}: {signer} gives its length as {length} bytes, more than the {limit} allowed (size limit)"));

    private static TufMetaFile TargetsMeta(TufSnapshot snapshot) =>
        snapshot.Meta.TryGetValue(TargetsFile, out var meta)
            ? meta
            : throw new TufException(string.Create(CultureInfo.InvariantCulture, $"{SnapshotFile}: version {snapshot.Version} does not list {TargetsFile}"));

    /// <summary>
    /// §5.7.3 with consistent snapshots: "targets/path/to/HASH.name" (any listed hash; SHA-256 preferred, as the
    /// Sigstore repository publishes). Each segment is escaped; a name that could leave the targets folder is refused.
    /// </summary>
    private static string TargetPath(string name, TufTargetFile info, bool consistentSnapshot)
    {
        var segments = name.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
            throw new TufException($"target {Net.ServerText.Quote(name, 100)}: not a relative path inside the repository's targets");
        if (consistentSnapshot)
        {
            var hash = info.Hashes.TryGetValue("sha256", out var sha256) ? sha256 : info.Hashes.OrderBy(h => h.Key, StringComparer.Ordinal).First().Value;
            if (!hash.All(char.IsAsciiHexDigitLower))
                throw new TufException($"target {name}: its hash in targets.json is not lowercase hex");
            segments[^1] = $"{hash}.{segments[^1]}";
        }
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    /// <summary>A cached file that still verifies under the current root, or null (absent or no longer valid: it is not trusted).</summary>
    private T? LoadLocal<T>(string file, long maxLength, Func<byte[], T> read, Action<T> verify)
        where T : class
    {
        try
        {
            var bytes = store.Read(file, maxLength);
            if (bytes is null)
                return null;
            var metadata = read(bytes);
            verify(metadata);
            return metadata;
        }
        catch (TufException)
        {
            return null;
        }
    }

    private byte[] Cached(string file, long maxLength) =>
        store.Read(file, maxLength) ?? throw new TufException($"{Path.Combine(store.Folder, file)}: not cached (run update-trust online first)");

    private static string RootName(TufRoot root) => string.Create(CultureInfo.InvariantCulture, $"root version {root.Version}");

    private static TufException Rollback(TufMetadata metadata, long trustedVersion) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{metadata.File}: version {metadata.Version} is lower than the trusted version {trustedVersion} (rollback)"));

    private static TufException Expired(TufMetadata metadata, string hint) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{metadata.File}: version {metadata.Version} expired at {metadata.Expires:yyyy-MM-ddTHH:mm:ssZ} ({hint})"));
}
