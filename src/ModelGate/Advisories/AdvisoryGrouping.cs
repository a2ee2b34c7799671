namespace ModelGate.Advisories;

/// <summary>
/// Groups matched advisories by alias, transitively (union-find over ids and aliases). The primary id is
/// the id of a matched advisory, preferring PYSEC (the PyPA database, which pip-audit also shows first),
/// then GHSA, then any other prefix, then CVE (a CVE id names the flaw, not a PyPI advisory); ties by
/// ordinal order. Groups come out ordered by primary id.
/// </summary>
internal static class AdvisoryGrouping
{
    public static IReadOnlyList<AdvisoryGroup> Group(IReadOnlyList<AdvisoryMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var parent = new int[matches.Count];
        for (var i = 0; i < parent.Length; i++)
            parent[i] = i;
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < matches.Count; i++)
        {
            foreach (var id in IdsOf(matches[i]))
            {
                if (owner.TryGetValue(id, out var other))
                    Union(parent, i, other);
                else
                    owner[id] = i;
            }
        }

        var groups = new List<AdvisoryGroup>();
        foreach (var members in Enumerable.Range(0, matches.Count).GroupBy(i => Find(parent, i)))
        {
            var memberMatches = members.Select(i => matches[i]).OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
            var primary = memberMatches.Select(m => m.Id).OrderBy(Rank).ThenBy(id => id, StringComparer.Ordinal).First();
            var rest = memberMatches.SelectMany(IdsOf)
                .Where(id => !string.Equals(id, primary, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            groups.Add(new AdvisoryGroup([primary, .. rest], memberMatches));
        }
        return [.. groups.OrderBy(g => g.PrimaryId, StringComparer.Ordinal)];
    }

    private static IEnumerable<string> IdsOf(AdvisoryMatch match) => match.Advisory.Aliases.Prepend(match.Id);

    private static int Rank(string id) =>
        id.StartsWith("PYSEC-", StringComparison.Ordinal) ? 0
        : id.StartsWith("GHSA-", StringComparison.Ordinal) ? 1
        : id.StartsWith("CVE-", StringComparison.Ordinal) ? 3
        : 2;

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }
}
