using ModelGate.Findings;
using ModelGate.Formats.Safetensors;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// safetensors holds no code; what can go wrong is a header that lies (offsets outside the data, overlaps,
/// sizes that disagree with shapes). Only the header is read, so a 10 GB file is checked in microseconds.
/// A valid file is the good outcome: clean.
/// </summary>
internal static class SafetensorsInspector
{
    public static void Inspect(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "safetensors";
        var file = SafetensorsReader.Read(stream);
        foreach (var problem in file.Problems)
        {
            var subject = problem.TensorName is null ? string.Empty : $"tensor '{problem.TensorName}': ";
            node.Report(Rules.MalformedTensorLayout, $"{node.Path}: {subject}{problem.Message}", discriminator: $"{problem.Kind}:{problem.TensorName}");
        }
    }
}
