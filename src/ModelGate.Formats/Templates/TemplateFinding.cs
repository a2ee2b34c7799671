namespace ModelGate.Formats.Templates;

/// <summary>One suspicious construct in a chat template, with its 1-based line and column and the tag's text.</summary>
public sealed record TemplateFinding(TemplateFindingKind Kind, string Message, int Line, int Column, string Snippet);
