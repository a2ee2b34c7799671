using ModelGate.Findings;
using ModelGate.Formats.Gguf;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// GGUF: header, metadata and tensor-info bounds, and the chat templates, which llama.cpp servers and
/// Python bindings render with Jinja — without a sandbox, a template is code (CVE-2024-34359).
/// </summary>
internal static class GgufInspector
{
    public static void Inspect(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "gguf";
        var file = GgufReader.Read(stream, GgufLimits.Default);
        foreach (var problem in file.Problems)
            node.Report(Rules.MalformedTensorLayout, $"{node.Path}: {problem.Message}", discriminator: $"{problem.Kind}:{problem.Message}");
        foreach (var (key, template) in file.ChatTemplates)
        {
            foreach (var finding in ChatTemplateInspector.Inspect(template))
            {
                node.Report(Rules.TemplateInjection,
                    $"{node.Path}: {key} {finding.Message} (line {finding.Line}, column {finding.Column})",
                    evidence: [$"template text: {finding.Snippet}"], discriminator: $"{key}:{finding.Kind}:{finding.Line}:{finding.Column}");
            }
        }
    }
}
