using ModelGate.Provenance.Locks;

namespace ModelGate.Tests.Provenance.Locks;

/// <summary>Expected results are those of huggingface_hub's filter_repo_objects (Python fnmatch on POSIX).</summary>
public sealed class IncludeGlobTests
{
    [Theory]
    [InlineData("*.json", "config.json", true)]
    [InlineData("*.json", "sub/config.json", true)] // '*' crosses '/' in fnmatch
    [InlineData("*.json", "config.json.bak", false)]
    [InlineData("*.json", "CONFIG.JSON", false)] // case-sensitive on POSIX
    [InlineData("*", "a/b/c", true)]
    [InlineData("*", "", true)]
    [InlineData("config.json", "config.json", true)]
    [InlineData("config.json", "sub/config.json", false)]
    [InlineData("onnx/", "onnx/model.onnx", true)] // a trailing '/' means the folder's content
    [InlineData("onnx/", "onnx/sub/model.onnx", true)]
    [InlineData("onnx/", "onnx", false)]
    [InlineData("onnx/", "other/onnx/model.onnx", false)]
    [InlineData("onnx/*", "onnx/model.onnx", true)]
    [InlineData("model-?????-of-00002.safetensors", "model-00001-of-00002.safetensors", true)]
    [InlineData("model-?????-of-00002.safetensors", "model-0001-of-00002.safetensors", false)]
    [InlineData("a?b", "a/b", true)] // '?' matches '/' too
    [InlineData("[abc].txt", "b.txt", true)]
    [InlineData("[abc].txt", "d.txt", false)]
    [InlineData("[!abc].txt", "d.txt", true)]
    [InlineData("[!abc].txt", "a.txt", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("[-a]x", "-x", true)]
    [InlineData("[a-]x", "-x", true)]
    [InlineData("[]]x", "]x", true)]
    [InlineData("[!]]x", "ax", true)]
    [InlineData("[!]]x", "]x", false)]
    [InlineData("[z-a]x", "mx", false)] // a reversed range matches nothing
    [InlineData("[abc", "[abc", true)] // an unclosed '[' is literal
    [InlineData("[abc", "a", false)]
    [InlineData("[\\]x", "\\x", true)] // backslash is an ordinary character
    [InlineData("*.safetensors", "model.safetensors", true)]
    [InlineData("*model*.bin", "pytorch_model.bin", true)]
    [InlineData("*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("**/*.json", "config.json", false)] // fnmatch has no globstar: "**/" needs a '/'
    [InlineData("**/*.json", "a/config.json", true)]
    public void Pattern_matches_as_allow_patterns_do(string pattern, string path, bool expected) =>
        Assert.Equal(expected, IncludeGlob.Parse(pattern).IsMatch(path));

    [Theory]
    [InlineData(new string[0], "anything/at/all", true)]
    [InlineData(new[] { "*.json", "*.safetensors" }, "model.safetensors", true)]
    [InlineData(new[] { "*.json", "*.safetensors" }, "pytorch_model.bin", false)]
    public void No_patterns_include_everything_and_any_pattern_may_match(string[] patterns, string path, bool expected) =>
        Assert.Equal(expected, IncludeGlob.MatchesAny(patterns, path));
}
