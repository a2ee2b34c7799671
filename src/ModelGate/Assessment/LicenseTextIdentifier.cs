namespace ModelGate.Assessment;

/// <summary>
/// Names the licence a licence text is, from the title or grant sentence each licence opens with (looked for
/// in the first <see cref="HeadChars"/> characters, case-insensitively). Returns a catalogue id, or null.
/// </summary>
internal static class LicenseTextIdentifier
{
    public const int HeadChars = 8 * 1024;

    // More specific titles first: "Lesser"/"Affero" before "General", "NonCommercial-ShareAlike" before "NonCommercial".
    private static readonly (string Id, string[] AllOf)[] Signatures =
    [
        ("llama4", ["llama 4 community license"]),
        ("llama3.3", ["llama 3.3 community license"]),
        ("llama3.2", ["llama 3.2 community license"]),
        ("llama3.1", ["llama 3.1 community license"]),
        ("llama3", ["llama 3 community license"]),
        ("llama2", ["llama 2 community license"]),
        ("gemma", ["gemma terms of use"]),
        ("openrail++", ["open rail++-m"]),
        ("creativeml-openrail-m", ["creativeml open rail-m"]),
        ("bigcode-openrail-m", ["bigcode open rail-m"]),
        ("bigscience-bloom-rail-1.0", ["bigscience rail license"]),
        ("bigscience-openrail-m", ["bigscience open rail-m"]),
        ("openrail-m", ["open rail-m"]),
        ("tongyi-qianwen", ["tongyi qianwen license"]),
        ("stabilityai-community", ["stability ai community license"]),
        ("deepfloyd-if-license", ["deepfloyd if license"]),
        ("fair-noncommercial-research-license", ["fair noncommercial research license"]),
        ("mnpl", ["mistral ai non-production license"]),
        ("grok2-community", ["grok 2 community license"]),
        ("agpl-3.0", ["gnu affero general public license", "version 3"]),
        ("lgpl-3.0", ["gnu lesser general public license", "version 3"]),
        ("lgpl-2.1", ["gnu lesser general public license", "version 2.1"]),
        ("gpl-3.0", ["gnu general public license", "version 3"]),
        ("gpl-2.0", ["gnu general public license", "version 2"]),
        ("mpl-2.0", ["mozilla public license", "2.0"]),
        ("epl-2.0", ["eclipse public license", "2.0"]),
        ("apache-2.0", ["apache license", "version 2.0"]),
        ("cc-by-nc-sa-4.0", ["attribution-noncommercial-sharealike 4.0"]),
        ("cc-by-nc-nd-4.0", ["attribution-noncommercial-noderivatives 4.0"]),
        ("cc-by-nc-4.0", ["attribution-noncommercial 4.0"]),
        ("cc-by-nd-4.0", ["attribution-noderivatives 4.0"]),
        ("cc-by-sa-4.0", ["attribution-sharealike 4.0"]),
        ("cc-by-4.0", ["attribution 4.0 international"]),
        ("cc0-1.0", ["cc0 1.0 universal"]),
        ("unlicense", ["this is free and unencumbered software released into the public domain"]),
        ("mit", ["permission is hereby granted, free of charge"]),
        ("bsd-3-clause", ["redistribution and use in source and binary forms", "neither the name"]),
        ("bsd-2-clause", ["redistribution and use in source and binary forms"]),
        ("isc", ["permission to use, copy, modify, and/or distribute this software for any purpose"]),
    ];

    public static string? Identify(string text)
    {
        var head = Normalize(text.Length > HeadChars ? text[..HeadChars] : text);
        foreach (var (id, allOf) in Signatures)
        {
            if (allOf.All(phrase => head.Contains(phrase, StringComparison.Ordinal)))
                return id;
        }
        return null;
    }

    /// <summary>Lower case, runs of white space and markup emphasis as one space, typographic quotes plain.</summary>
    private static string Normalize(string text)
    {
        var chars = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '*' or '_' or '#')
            {
                if (!space)
                    chars.Append(' ');
                space = true;
                continue;
            }
            chars.Append(c switch { '“' or '”' => '"', '’' => '\'', _ => char.ToLowerInvariant(c) });
            space = false;
        }
        return chars.ToString();
    }
}
