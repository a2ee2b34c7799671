namespace ModelGate.Formats.Pep440;

/// <summary>Why a string is not a PEP 440 version; the parser reports it with an index into the input.</summary>
internal enum VersionParseError
{
    None = 0,
    Empty,
    TooLong,
    TooManyReleaseSegments,
    ExpectedDigit,
    UnexpectedCharacter,
    InvalidLocalLabel,
}
