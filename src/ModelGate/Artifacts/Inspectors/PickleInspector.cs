using ModelGate.Artifacts.Pickle;
using ModelGate.Findings;
using ModelGate.Formats.Pickle;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// Pickle streams (plain, joblib, legacy PyTorch, NumPy object arrays): the symbolic stack machine lists
/// every callable imported or called, and the catalogue decides. The allowlist decides what is clean;
/// the denylist only says how bad the rest is.
/// </summary>
internal static class PickleInspector
{
    public static void Inspect(ArtifactNode node, Stream stream, string format)
    {
        node.Recognised = true;
        var explain = node.Walk.Settings.Explain;
        var analysis = PickleAnalyzer.Analyze(stream, new PickleAnalysisOptions { RecordListing = explain is not null });
        node.Format = analysis.IsTorchLegacy ? "pytorch-legacy" : format;
        Report(node, analysis, "pickle");
        if (explain is not null)
        {
            explain.WriteLine($"== {node.Path} ({node.Format}) ==");
            PickleDisassembly.Write(analysis, explain);
            WriteCallables(analysis, node.Walk.Settings.Catalog, explain);
            explain.WriteLine();
        }
    }

    /// <summary>The --explain summary: every callable the pickle imports, and what the catalogue says of it.</summary>
    public static void WriteCallables(PickleFileAnalysis analysis, PickleCallableCatalog catalog, TextWriter explain)
    {
        var imports = analysis.Imports.GroupBy(i => i.FullName, StringComparer.Ordinal).OrderBy(g => g.Min(i => i.Offset)).ToList();
        if (imports.Count == 0)
            return;
        explain.WriteLine("# callables:");
        foreach (var group in imports)
        {
            var first = group.First();
            var verdict = catalog.Classify(first.Module, first.Name) switch
            {
                CallableClass.Dangerous d => $"DANGEROUS ({d.Category}): {d.Reason}",
                CallableClass.Safe s => $"safe: {s.Reason}",
                _ => "not on the safe allowlist",
            };
            explain.WriteLine($"#   {group.Key} (first at offset {group.Min(i => i.Offset)}): {verdict}");
        }
    }

    /// <summary>True when the first bytes decode as pickle opcodes (protocol 0/1 pickles have no magic).</summary>
    public static bool LooksLikePickle(ReadOnlySpan<byte> prefix) => PickleProbe.LooksLikePickle(prefix);

    /// <summary>Turns one pickle analysis into findings on <paramref name="node"/>.</summary>
    /// <param name="what">How the finding names the stream: "pickle", "embedded pickle of the object array" ...</param>
    /// <param name="offsetBase">Where the pickle starts in the artifact, added to every offset reported.</param>
    public static void Report(ArtifactNode node, PickleFileAnalysis analysis, string what, long offsetBase = 0)
    {
        var catalog = node.Walk.Settings.Catalog;
        var calls = analysis.Calls.ToList();
        foreach (var group in analysis.Imports.GroupBy(i => i.FullName, StringComparer.Ordinal).OrderBy(g => g.Min(i => i.Offset)))
        {
            var first = group.OrderBy(i => i.Offset).First();
            var verdict = catalog.Classify(first.Module, first.Name);
            if (verdict is CallableClass.Safe)
                continue;
            var calledAt = calls.Where(c => c.Callable == group.Key).ToList();
            var evidence = new List<string>();
            foreach (var import in group.OrderBy(i => i.Offset).Take(5))
                evidence.Add($"offset {offsetBase + import.Offset}: {import.Opcode} imports {import.FullName}{(import.Via == PickleImportVia.ResolvedThrough ? " (resolved from a name string)" : string.Empty)}");
            foreach (var call in calledAt.Take(5))
                evidence.Add($"offset {offsetBase + call.Offset}: {call.Opcode} calls {call.Callable}{call.ArgumentsPreview}");
            var usage = calledAt.Count > 0 ? "imports and calls" : "imports";
            if (verdict is CallableClass.Dangerous dangerous)
            {
                evidence.Add($"why it matters: {dangerous.Reason}");
                node.Report(Rules.DangerousCallable,
                    $"{node.Path}: the {what} {usage} {group.Key} ({dangerous.Category}) at offset {offsetBase + first.Offset}; loading the file runs it",
                    offsetBase + first.Offset, evidence: evidence, discriminator: group.Key);
            }
            else
            {
                node.Report(Rules.UnknownCallable,
                    $"{node.Path}: the {what} {usage} {group.Key} at offset {offsetBase + first.Offset}, which is not on the safe allowlist",
                    offsetBase + first.Offset, evidence: evidence, discriminator: group.Key);
            }
        }

        foreach (var group in analysis.Anomalies.Where(IsUnanalysable).GroupBy(a => a.Kind).OrderBy(g => g.Min(a => a.Offset)))
        {
            var first = group.OrderBy(a => a.Offset).First();
            node.Report(Rules.UnanalysablePickle, $"{node.Path}: {first.Message} (offset {offsetBase + first.Offset})", offsetBase + first.Offset,
                evidence: [.. group.OrderBy(a => a.Offset).Take(5).Select(a => $"offset {offsetBase + a.Offset}: {a.Message}")],
                discriminator: group.Key.ToString());
        }

        if (analysis.Error is { } error)
            node.NotAnalysed($"the {what} breaks at offset {offsetBase + error.Offset}: {error.Reason}", offsetBase + error.Offset);
    }

    // What a loader resolves at load time and static analysis cannot follow. (ResolvedThroughCall is
    // followed: its resolved name is an import. Breaks and limits are errors, reported through Error.)
    private static bool IsUnanalysable(PickleAnomaly anomaly) => anomaly.Kind switch
    {
        PickleAnomalyKind.DynamicImport or PickleAnomalyKind.ExtensionCode or PickleAnomalyKind.UnresolvedCallTarget
            or PickleAnomalyKind.BuildOnGlobal or PickleAnomalyKind.OutOfBandBuffer => true,
        _ => false,
    };
}
