using ModelGate.Findings;
using ModelGate.Formats.NumPy;
using ModelGate.Formats.Pickle;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// NumPy <c>.npy</c>: the header is a Python literal; an array whose dtype holds objects is stored as a
/// pickle right after it, which <c>np.load(allow_pickle=True)</c> unpickles — so that pickle is scanned.
/// </summary>
internal static class NumPyInspector
{
    public static void Inspect(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "numpy";
        var header = NpyReader.ReadHeader(stream);
        foreach (var problem in header.Problems)
            node.Report(Rules.MalformedTensorLayout, $"{node.Path}: {problem.Message}", discriminator: problem.Kind.ToString());
        if (!header.HasObjectDtype)
            return;
        // ReadHeader leaves the stream at the data; an object array's data is a pickle.
        var analysis = PickleAnalyzer.Analyze(stream, new PickleAnalysisOptions { RecordListing = node.Walk.Settings.Explain is not null });
        PickleInspector.Report(node, analysis, "pickle of the object array", header.DataOffset);
        if (node.Walk.Settings.Explain is { } explain)
        {
            explain.WriteLine($"== {node.Path} (numpy object array, pickle at offset {header.DataOffset}) ==");
            PickleDisassembly.Write(analysis, explain);
            PickleInspector.WriteCallables(analysis, node.Walk.Settings.Catalog, explain);
            explain.WriteLine();
        }
    }
}
