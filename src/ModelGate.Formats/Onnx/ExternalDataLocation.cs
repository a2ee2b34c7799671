namespace ModelGate.Formats.Onnx;

/// <summary>
/// Checks an external_data <c>location</c> (onnx/external_data_helper.py: a path relative to the model's
/// folder) for ways out of that folder.
/// </summary>
internal static class ExternalDataLocation
{
    /// <summary>The problem the location shows, or null for a plain relative path inside the model folder.</summary>
    public static (OnnxProblemKind Kind, string Detail)? Check(string location)
    {
        if (location.Length == 0)
            return (OnnxProblemKind.ExternalDataMissingLocation, "external_data location is empty");
        if (HasScheme(location))
            return (OnnxProblemKind.ExternalDataUrlScheme, $"external_data location '{location}' is a URL");
        if (location[0] is '/' or '\\')
            return (OnnxProblemKind.ExternalDataAbsolutePath, $"external_data location '{location}' is absolute");
        if (location.Length >= 2 && char.IsAsciiLetter(location[0]) && location[1] == ':')
            return (OnnxProblemKind.ExternalDataAbsolutePath, $"external_data location '{location}' starts with a drive letter");
        if (location.Contains('\0', StringComparison.Ordinal))
            return (OnnxProblemKind.ExternalDataPathTraversal, "external_data location contains a NUL character");
        var depth = 0;
        foreach (var segment in location.Split('/', '\\'))
        {
            if (segment == "..")
            {
                if (--depth < 0)
                    return (OnnxProblemKind.ExternalDataPathTraversal, $"external_data location '{location}' climbs out of the model folder");
            }
            else if (segment.Length > 0 && segment != ".")
            {
                depth++;
            }
        }
        return null;
    }

    // RFC 3986 scheme: a letter, then letters, digits, '+', '-', '.', then ':'; two or more characters so a
    // drive letter ("C:") is not taken for one.
    private static bool HasScheme(string location)
    {
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(location[0]))
            return false;
        for (var i = 1; i < colon; i++)
        {
            var c = location[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
                return false;
        }
        return true;
    }
}
