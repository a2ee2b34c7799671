using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ModelGate.Formats.ModelCards;

/// <summary>
/// Reads a Hugging Face model card: YAML front matter between a first line <c>---</c> and the next
/// <c>---</c> (Hub docs, "Model Cards"), then the Markdown body (CommonMark, Markdig) split at headings.
/// Never throws on bad input: a front matter that cannot be read is described in
/// <see cref="ModelCard.FrontMatterError"/> and the body is still read.
/// </summary>
public static class ModelCardReader
{
    /// <summary>Longest card read (characters); the rest of a longer card is ignored and <see cref="ModelCard.Truncated"/> set.</summary>
    public const int MaxCardChars = 1024 * 1024;

    /// <summary>Longest plain text kept per section (characters).</summary>
    public const int MaxSectionChars = 32 * 1024;

    /// <summary>Most sections kept; real cards have a few dozen.</summary>
    public const int MaxSections = 1000;

    /// <summary>Longest metadata string kept (characters); longer values are cut.</summary>
    public const int MaxValueChars = 4096;

    /// <summary>Most items kept from one metadata list, and most <c>model-index</c> results.</summary>
    public const int MaxListItems = 1000;

    private const int MaxBlockDepth = 64;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static ModelCard Read(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var truncated = markdown.Length > MaxCardChars;
        if (truncated)
            markdown = markdown[..MaxCardChars];
        if (markdown.Length > 0 && markdown[0] == '\uFEFF')
            markdown = markdown[1..];

        var (yaml, bodyStart, endLine, openError) = SplitFrontMatter(markdown);
        var metadata = ModelCardMetadata.Empty;
        string? error = openError;
        if (yaml is not null)
        {
            try
            {
                var root = CardYaml.Parse(yaml, firstLine: 2, out var ignored);
                error = ignored;
                if (root is not null && root.Pairs is null)
                    error = $"line {root.Line}, column 1: the front matter is not a mapping of fields";
                else if (root is not null)
                    metadata = MetadataReader.Read(root);
            }
            catch (CardYamlException ex)
            {
                // YamlDotNet places a tab error at the start of the enclosing node; the tab itself is more useful.
                error = TabIndentation(yaml, firstLine: 2) ?? ex.Message;
            }
        }

        var bodyText = markdown[bodyStart..];
        var bodyFirstLine = endLine + 1;
        return new ModelCard
        {
            Metadata = metadata,
            HasFrontMatter = yaml is not null || openError is not null,
            FrontMatterError = error,
            FrontMatterEndLine = endLine,
            Sections = ReadSections(bodyText, bodyFirstLine),
            Truncated = truncated,
        };
    }

    /// <summary>The YAML text, where the body starts, the closing line (0 if none) and an error for an unclosed block.</summary>
    private static (string? Yaml, int BodyStart, int EndLine, string? Error) SplitFrontMatter(string text)
    {
        var firstEnd = LineEnd(text, 0, out var next);
        if (text.AsSpan(0, firstEnd).TrimEnd() is not "---")
            return (null, 0, 0, null);
        var line = 1;
        var start = next;
        while (start < text.Length)
        {
            line++;
            var end = LineEnd(text, start, out next);
            var content = text.AsSpan(start, end - start).TrimEnd();
            if (content is "---" or "...")
                return (text[firstEnd..start].TrimStart('\r', '\n'), next, line, null);
            start = next;
        }
        return (null, 0, 0, "line 1, column 1: the front matter opened by --- is never closed by a --- line");
    }

    /// <summary>The first line indented with a tab, which YAML forbids (YAML 1.2, 6.1 "Indentation Spaces").</summary>
    private static string? TabIndentation(string yaml, int firstLine)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            for (var c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
            {
                if (line[c] == '\t' && !string.IsNullOrWhiteSpace(line[c..]))
                    return $"line {firstLine + i}, column {c + 1}: a tab indents this line; YAML indentation must be spaces";
            }
        }
        return null;
    }

    private static int LineEnd(string text, int start, out int next)
    {
        var nl = text.IndexOf('\n', start);
        if (nl < 0)
        {
            next = text.Length;
            return text.Length;
        }
        next = nl + 1;
        return nl > start && text[nl - 1] == '\r' ? nl - 1 : nl;
    }

    private static List<ModelCardSection> ReadSections(string body, int firstLine)
    {
        var document = Markdown.Parse(body, Pipeline);
        var sections = new List<ModelCardSection>();
        var heading = (Kind: ModelCardSectionKind.Other, Text: string.Empty, Level: 0, Line: firstLine);
        var text = new StringBuilder();
        var any = false;
        foreach (var block in document)
        {
            if (block is HeadingBlock h)
            {
                if (any || heading.Level > 0)
                    Add(sections, heading, text);
                var title = Collapse(InlineText(h.Inline));
                heading = (SectionHeadings.Classify(title), title, h.Level, firstLine + h.Line);
                text.Clear();
                any = false;
                continue;
            }
            BlockText(block, text, 0);
            text.Append('\n');
            any = true;
        }
        if (any || heading.Level > 0)
            Add(sections, heading, text);
        return sections;
    }

    private static void Add(List<ModelCardSection> sections, (ModelCardSectionKind Kind, string Text, int Level, int Line) heading, StringBuilder text)
    {
        if (sections.Count >= MaxSections)
            return;
        var body = Collapse(text.ToString());
        if (heading.Level == 0 && body.Length == 0)
            return;
        if (body.Length > MaxSectionChars)
            body = body[..MaxSectionChars];
        sections.Add(new ModelCardSection(heading.Kind, heading.Text, heading.Level, heading.Line, body));
    }

    private static void BlockText(Block block, StringBuilder text, int depth)
    {
        if (depth > MaxBlockDepth || text.Length > MaxSectionChars)
            return;
        switch (block)
        {
            case ContainerBlock container:
                foreach (var child in container)
                {
                    BlockText(child, text, depth + 1);
                    text.Append('\n');
                }
                break;
            case HtmlBlock html:
                text.Append(StripTags(html.Lines.ToString()));
                break;
            case CodeBlock code:
                text.Append(code.Lines.ToString());
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                text.Append(InlineText(leaf.Inline));
                break;
            case LeafBlock leaf:
                text.Append(leaf.Lines.ToString());
                break;
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        if (inline is not null)
            AppendInline(inline, text, 0);
        return text.ToString();
    }

    private static void AppendInline(Inline inline, StringBuilder text, int depth)
    {
        if (depth > MaxBlockDepth || text.Length > MaxSectionChars)
            return;
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case AutolinkInline auto:
                text.Append(auto.Url);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case LinkInline link:
                foreach (var child in link)
                    AppendInline(child, text, depth + 1);
                // The target is kept: "the paper" links to arXiv more often than it names it.
                if (!link.IsImage && !string.IsNullOrEmpty(link.Url))
                    text.Append(" (").Append(link.Url).Append(')');
                break;
            case ContainerInline container:
                foreach (var child in container)
                    AppendInline(child, text, depth + 1);
                break;
        }
    }

    private static string StripTags(string html)
    {
        var text = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
                inTag = true;
            else if (c == '>' && inTag)
            {
                inTag = false;
                text.Append(' ');
            }
            else if (!inTag)
                text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>Runs of blank lines become one, trailing spaces go.</summary>
    private static string Collapse(string text)
    {
        var lines = text.Split('\n');
        var result = new StringBuilder(text.Length);
        var blank = true;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                if (!blank)
                    result.Append('\n');
                blank = true;
                continue;
            }
            result.Append(line).Append('\n');
            blank = false;
        }
        return result.ToString().Trim();
    }
}
