using ModelGate.Discovery;
using ModelGate.Formats.Lockfiles;
using ModelGate.Formats.Pep508;

namespace ModelGate.Extractors.Python;

/// <summary>
/// uv's <c>uv.lock</c>. Unlike the other locks it records the project itself: every editable or
/// virtual workspace member (<c>source = { editable = "." }</c>, <c>{ virtual = "." }</c>) is the
/// project, not a dependency, and is not emitted. What the members name in <c>dependencies</c>,
/// <c>[package.optional-dependencies]</c> and <c>[package.dev-dependencies]</c> is direct.
/// </summary>
/// <remarks>
/// Groups are worked out over the lock's graph: a package reachable from the members' main
/// dependencies is in the main set (null); otherwise it takes the first optional extra
/// (<c>optional:&lt;extra&gt;</c>) or dependency group (its name, e.g. <c>dev</c>) that reaches it.
/// </remarks>
internal sealed class UvLockExtractor : IExtractor
{
    public string Name => "python/uv-lock";

    public bool CanExtract(DiscoveredFile file) => file.FileName == "uv.lock";

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (LockfileExtraction.Read(context, UvLockReader.Read) is not { } lockfile)
            return ValueTask.CompletedTask;

        var members = lockfile.Packages.Where(IsProject).ToList();
        var memberNames = members.Select(p => PackageName.Normalize(p.Name)).ToHashSet(StringComparer.Ordinal);
        var direct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            foreach (var dependency in member.Dependencies)
                direct.Add(PackageName.Normalize(dependency.Name));
        }
        var groups = AssignGroups(lockfile.Packages, members, cancellationToken);

        foreach (var package in lockfile.Packages)
        {
            var name = PackageName.Normalize(package.Name);
            if (IsProject(package))
                continue;
            var group = groups.TryGetValue(name, out var label) ? label : null;
            context.AddPackage(LockfileExtraction.ToInventory(context, package, Name, group, direct.Contains(name) && !memberNames.Contains(name)));
        }
        return ValueTask.CompletedTask;
    }

    private static bool IsProject(LockedPackage package) =>
        package.Source is { Kind: LockedSourceKind.Virtual } or { Kind: LockedSourceKind.Directory, Editable: true };

    /// <summary>Normalized name to group label; a name absent from the map was not reached (or is main).</summary>
    private static Dictionary<string, string?> AssignGroups(IReadOnlyList<LockedPackage> packages, List<LockedPackage> members, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, List<LockedPackage>>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var key = PackageName.Normalize(package.Name);
            if (!byName.TryGetValue(key, out var list))
                byName[key] = list = [];
            list.Add(package);
        }

        // Seeds in priority order: main first, then each extra, then each dependency group, as the lock lists them.
        var seeds = new List<(string? Label, List<LockedDependency> Edges)> { (null, []) };
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            foreach (var edge in member.Dependencies)
            {
                string? label = edge.Extra is not null ? "optional:" + edge.Extra : edge.DependencyGroup;
                if (label is null)
                {
                    seeds[0].Edges.Add(edge);
                    continue;
                }
                if (!labelIndex.TryGetValue(label, out var i))
                {
                    labelIndex[label] = i = seeds.Count;
                    seeds.Add((label, []));
                }
                seeds[i].Edges.Add(edge);
            }
        }

        var memberSet = new HashSet<LockedPackage>(members, ReferenceEqualityComparer.Instance);
        var assigned = new Dictionary<string, string?>(StringComparer.Ordinal);
        var queue = new Queue<(string Name, IReadOnlyList<string> Extras)>();
        foreach (var (label, edges) in seeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var visited = new HashSet<string>(StringComparer.Ordinal);
            foreach (var edge in edges)
                queue.Enqueue((PackageName.Normalize(edge.Name), edge.RequestedExtras));
            while (queue.Count > 0)
            {
                var (name, extras) = queue.Dequeue();
                var extrasKey = name + "[" + string.Join(',', extras) + "]";
                if (!visited.Add(extrasKey))
                    continue;
                assigned.TryAdd(name, label);
                if (!byName.TryGetValue(name, out var targets))
                    continue;
                foreach (var target in targets)
                {
                    if (memberSet.Contains(target))
                        continue;
                    foreach (var edge in target.Dependencies)
                    {
                        // A package's own optional dependencies are followed only for the extras asked of it.
                        if (edge.DependencyGroup is not null)
                            continue;
                        if (edge.Extra is not null && !extras.Contains(edge.Extra, StringComparer.Ordinal))
                            continue;
                        queue.Enqueue((PackageName.Normalize(edge.Name), edge.RequestedExtras));
                    }
                }
            }
        }
        return assigned;
    }
}
