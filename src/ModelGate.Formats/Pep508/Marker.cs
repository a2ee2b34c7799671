namespace ModelGate.Formats.Pep508;

/// <summary>Parses stand-alone environment markers, such as the <c>marker</c> fields of lockfiles.</summary>
public static class Marker
{
    /// <summary>Parses a marker expression; throws <see cref="MalformedDataException"/> naming the column.</summary>
    public static MarkerExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RequirementParser(text).ParseMarkerOnly();
    }
}
