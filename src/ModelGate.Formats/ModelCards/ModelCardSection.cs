namespace ModelGate.Formats.ModelCards;

/// <summary>
/// One heading of the card body and the text under it up to the next heading.
/// </summary>
/// <param name="Kind">The template section the heading names, or <see cref="ModelCardSectionKind.Other"/>.</param>
/// <param name="Heading">The heading as plain text; empty for the text before the first heading.</param>
/// <param name="Level">1 to 6; 0 for the text before the first heading.</param>
/// <param name="Line">1-based line of the heading in the whole file (front matter included).</param>
/// <param name="Text">The section body as plain text (no markup), at most <see cref="ModelCardReader.MaxSectionChars"/> characters.</param>
public sealed record ModelCardSection(ModelCardSectionKind Kind, string Heading, int Level, int Line, string Text);
