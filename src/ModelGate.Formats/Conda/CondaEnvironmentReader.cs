namespace ModelGate.Formats.Conda;

/// <summary>
/// Reads conda's <c>environment.yml</c> (conda's env spec: <c>name</c>, <c>channels</c>, <c>dependencies</c> with an
/// optional <c>- pip:</c> list). Uses YamlDotNet's event parser only: no deserialization, no tags, aliases not expanded.
/// </summary>
public static class CondaEnvironmentReader
{
    /// <summary>Reads the first YAML document; throws <see cref="MalformedDataException"/> for invalid YAML or nesting past the limit.</summary>
    public static CondaEnvironment Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var channels = new List<CondaLine>();
        var dependencies = new List<CondaLine>();
        var pip = new List<CondaLine>();
        var errors = new List<CondaLine>();
        var root = YamlTree.Parse(text, out var moreDocuments);
        if (moreDocuments)
            errors.Add(new CondaLine(1, "the file holds more than one YAML document; conda reads only one, so only the first was read"));
        if (root is not YamlMappingNode map)
            return new CondaEnvironment(false, channels, dependencies, pip, errors);

        if (map.Get("channels") is { } channelNode)
            Strings(channelNode, "channels", channels, errors);

        var dependencyNode = map.Get("dependencies");
        if (dependencyNode is YamlSequenceNode list)
        {
            foreach (var item in list.Items)
            {
                switch (item)
                {
                    case YamlScalarNode scalar:
                        dependencies.Add(new CondaLine(scalar.Line, scalar.Value));
                        break;
                    case YamlMappingNode mapping when mapping.Get("pip") is { } pipNode:
                        Strings(pipNode, "the pip list", pip, errors);
                        foreach (var other in mapping.Pairs.Where(p => p.Key is not YamlScalarNode { Value: "pip" }))
                            errors.Add(new CondaLine(other.Key.Line, $"unknown dependency section '{Describe(other.Key)}'; conda only accepts 'pip:' here"));
                        break;
                    default:
                        errors.Add(new CondaLine(item.Line, $"dependencies: {Describe(item)} is not a package spec or a 'pip:' list"));
                        break;
                }
            }
        }
        else if (dependencyNode is not null and not YamlScalarNode { Value: "" or "~" or "null" })
        {
            errors.Add(new CondaLine(dependencyNode.Line, $"dependencies: expected a list, found {Describe(dependencyNode)}"));
        }
        return new CondaEnvironment(dependencyNode is not null, channels, dependencies, pip, errors);
    }

    private static void Strings(YamlNode node, string what, List<CondaLine> into, List<CondaLine> errors)
    {
        if (node is not YamlSequenceNode sequence)
        {
            if (node is not YamlScalarNode { Value: "" or "~" or "null" })
                errors.Add(new CondaLine(node.Line, $"{what}: expected a list, found {Describe(node)}"));
            return;
        }
        foreach (var item in sequence.Items)
        {
            if (item is YamlScalarNode scalar)
                into.Add(new CondaLine(scalar.Line, scalar.Value));
            else
                errors.Add(new CondaLine(item.Line, $"{what}: {Describe(item)} is not a string"));
        }
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{(s.Value.Length <= 60 ? s.Value : s.Value[..57] + "...")}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlAliasNode a => $"an alias (*{a.Anchor}); YAML aliases are not followed",
        YamlTaggedNode t => $"a node tagged {t.Tag}; YAML tags are not accepted",
        _ => "an unexpected node",
    };
}
