using ModelGate.Findings;
using ModelGate.Formats.Gguf;
using ModelGate.Formats.Templates;

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
        {
            // A template too large to keep was not checked: that is an unanalysed part, not a layout problem.
            if (problem.Kind == GgufProblemKind.ChatTemplateTooLarge)
                node.NotAnalysed(problem.Message, problem.Offset);
            else
                node.Report(Rules.MalformedTensorLayout, $"{node.Path}: {problem.Message}", problem.Offset, discriminator: $"{problem.Kind}:{problem.Subject}");
        }
        foreach (var (key, template) in file.ChatTemplates)
        {
            foreach (var finding in ChatTemplateInspector.Inspect(template))
            {
                // {% include %}/{% import %} need a loader that chat servers do not configure: a smell, not an escape.
                node.Report(Rules.TemplateInjection,
                    $"{node.Path}: {key} {finding.Message} (line {finding.Line}, column {finding.Column})",
                    severity: finding.Kind == TemplateFindingKind.LoaderStatement ? Severity.Medium : null,
                    evidence: [$"template text: {finding.Snippet}"], discriminator: $"{key}:{finding.Kind}:{finding.Line}:{finding.Column}");
            }
        }
    }
}
