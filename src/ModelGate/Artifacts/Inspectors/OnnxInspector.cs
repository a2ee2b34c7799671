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
    public static void Inspect(ArtifactNode node, Stream stream) => Report(node, OnnxReader.Read(stream));

    /// <summary>Checks a protobuf file that turns out to be an ONNX model under another name; false when it is not one.</summary>
    public static bool TryInspectRenamed(ArtifactNode node, Stream stream)
    {
        OnnxModel model;
        try
        {
            stream.Position = 0;
            model = OnnxReader.Read(stream);
        }
        catch (Formats.MalformedDataException)
        {
            return false;
        }
        if (model.OpsetImports.Count == 0 || (model.Nodes.Count == 0 && model.Initializers.Count == 0))
            return false;
        Report(node, model);
        return true;
    }

    private static void Report(ArtifactNode node, OnnxModel model)
    {
        node.Recognised = true;
        node.Format = "onnx";
        foreach (var problem in model.Problems)
        {
            var (rule, severity) = Grade(problem);
            node.Report(rule, $"{node.Path}: {problem.Detail} ({problem.Subject}{(problem.GraphPath.Length > 0 ? $" in {problem.GraphPath}" : string.Empty)})",
                severity: severity, evidence: [$"{problem.Kind}: {problem.Subject}"], discriminator: $"{problem.Kind}:{problem.Subject}");
        }
        if (node.Depth == 0 && node.Walk.FullPath is { } fullPath)
            CheckExternalFiles(node, model, Path.GetDirectoryName(Path.GetFullPath(fullPath)) ?? ".");
    }

    /// <summary>
    /// A relative external-data location can still leave the model folder through a symbolic link placed
    /// beside the model (the loader follows it): each location that exists is resolved and checked.
    /// </summary>
    private static void CheckExternalFiles(ArtifactNode node, OnnxModel model, string folder)
    {
        var locations = model.Initializers.Select(t => t.ExternalLocation).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var location in locations)
        {
            // Absolute, climbing and NUL-carrying locations were reported by the reader already; a NUL is no
            // file-system path here (Path.GetFullPath throws) and the C++ loader would cut the name at it.
            if (location.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(location) || location.Contains("..", StringComparison.Ordinal))
                continue;
            var candidate = Path.GetFullPath(Path.Combine(folder, location));
            if (!File.Exists(candidate))
                continue;
            var resolved = ResolveLinks(candidate);
            var inside = resolved.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (!inside || resolved != candidate)
            {
                node.Report(Rules.ArchivePathTraversal,
                    $"{node.Path}: external data '{location}' is a symbolic link{(inside ? string.Empty : " that leaves the model folder")} (to {resolved})",
                    evidence: [$"external_data location: {location}"], discriminator: $"external-link:{location}");
            }
        }
    }

    /// <summary>The path with every symbolic link along it (the file and its folders) followed.</summary>
    private static string ResolveLinks(string path)
    {
        try
        {
            var resolved = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            var directory = Path.GetDirectoryName(resolved);
            for (var d = directory; d is not null; d = Path.GetDirectoryName(d))
            {
                if (new DirectoryInfo(d).ResolveLinkTarget(returnFinalTarget: true) is { } target)
                    return Path.Combine(target.FullName, Path.GetRelativePath(d, resolved));
            }
            return resolved;
        }
        catch (IOException)
        {
            return path;
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
