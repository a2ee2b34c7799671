using ModelGate.Findings;
using ModelGate.Formats.TensorFlow;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// TensorFlow SavedModel graphs: operations that call back into Python (PyFunc), read or write files, or
/// reach the network run when the graph runs; operations outside TensorFlow's registry need native code
/// the loading process registered. Every op in the graph and its function library is checked.
/// </summary>
internal static class SavedModelInspector
{
    public static void Inspect(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "tensorflow-savedmodel";
        Report(node, SavedModelReader.Read(stream));
    }

    /// <summary>Checks a frozen GraphDef; false (nothing reported) when the protobuf is not a graph.</summary>
    public static bool TryInspectFrozenGraph(ArtifactNode node, Stream stream)
    {
        SavedModelGraph graph;
        try
        {
            stream.Position = 0;
            graph = SavedModelReader.ReadGraphDef(stream);
        }
        catch (Formats.MalformedDataException)
        {
            return false;
        }
        node.Recognised = true;
        node.Format = "tensorflow-graphdef";
        Report(node, graph);
        return true;
    }

    private static void Report(ArtifactNode node, SavedModelGraph graph)
    {
        foreach (var group in graph.Ops.GroupBy(o => o.Op, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var uses = group.Take(5).Select(u => $"node '{u.NodeName}' in {u.Location}").ToList();
            if (TensorFlowOps.DangerousOps.TryGetValue(group.Key, out var reason))
            {
                node.Report(Rules.DangerousGraphOperation, $"{node.Path}: the graph uses {group.Key} ({group.Count()} node(s)): {reason}",
                    evidence: uses, discriminator: group.Key);
            }
            else if (!TensorFlowOps.IsStandardOp(group.Key))
            {
                node.Report(Rules.DangerousGraphOperation, $"{node.Path}: the graph uses {group.Key}, which is not a TensorFlow op: it runs native code the loading process must register",
                    severity: Severity.Medium, evidence: uses, discriminator: group.Key);
            }
        }
    }
}
