using ModelGate.Findings;
using ModelGate.Formats.Onnx;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// ONNX models carry no Python, but a graph can point its tensors at files outside the model folder
/// (CVE-2022-25882, CVE-2024-27318), use operators from domains only a native library registers, and
/// declare tensors whose sizes disagree with their data. Bulk tensor bytes are skipped, never read.
/// </summary>
internal static class OnnxInspector
{
    public static void Inspect(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "onnx";
        var model = OnnxReader.Read(stream);
        foreach (var problem in model.Problems)
        {
            var (rule, severity) = Grade(problem);
            node.Report(rule, $"{node.Path}: {problem.Detail} ({problem.Subject}{(problem.GraphPath.Length > 0 ? $" in {problem.GraphPath}" : string.Empty)})",
                severity: severity, evidence: [$"{problem.Kind}: {problem.Subject}"], discriminator: $"{problem.Kind}:{problem.Subject}");
        }
    }

    private static (Rule Rule, Severity? Severity) Grade(OnnxProblem problem) => problem.Kind switch
    {
        OnnxProblemKind.ExternalDataAbsolutePath or OnnxProblemKind.ExternalDataPathTraversal or OnnxProblemKind.ExternalDataUrlScheme
            => (Rules.ArchivePathTraversal, null),
        // Operators of the runtimes' own contrib domains (com.microsoft ...) ship with the runtime: noted, not suspicious.
        OnnxProblemKind.CustomOperatorDomain => (Rules.DangerousGraphOperation, OnnxDomains.IsKnownRuntimeDomain(problem.Subject) ? Severity.Low : Severity.Medium),
        _ => (Rules.MalformedTensorLayout, null),
    };
}
