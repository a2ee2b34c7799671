using ModelGate.Provenance.Hub;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Provenance.Hub;

public sealed class HubSettingsTests
{
    private static Func<string, string?> Env(TempTree temp, params string[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = Path.Combine(temp.Root, "home") };
        for (var i = 0; i < pairs.Length; i += 2)
            map[pairs[i]] = pairs[i + 1].Replace("{tmp}", temp.Root, StringComparison.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    [Theory]
    [InlineData(null, null, "https://huggingface.co/")]
    [InlineData(null, "https://mirror.example/", "https://mirror.example/")]
    [InlineData("http://127.0.0.1:8080/", "https://mirror.example", "http://127.0.0.1:8080/")]
    [InlineData(null, "https://mirror.example/hf/", "https://mirror.example/hf")]
    [InlineData("  ", "https://mirror.example", "https://mirror.example/")]
    public void Endpoint_comes_from_the_option_then_HF_ENDPOINT_then_the_public_Hub(string? option, string? env, string expected)
    {
        using var temp = new TempTree();
        var settings = HubSettings.Resolve(option, null, null, env is null ? Env(temp) : Env(temp, "HF_ENDPOINT", env));
        Assert.Equal(expected, settings.Endpoint.AbsoluteUri);
        Assert.False(settings.BaseUrl.EndsWith('/'));
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    [InlineData("https://example.com/?q=1")]
    public void An_endpoint_that_is_not_an_http_url_is_refused(string endpoint)
    {
        using var temp = new TempTree();
        var error = Assert.Throws<FormatException>(() => HubSettings.Resolve(endpoint, null, null, Env(temp)));
        Assert.Contains("--endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_display_redacts_credentials()
    {
        using var temp = new TempTree();
        var settings = HubSettings.Resolve("https://user:pa55@mirror.example", null, null, Env(temp));
        Assert.Equal("https://***@mirror.example", settings.EndpointDisplay);
    }

    /// <summary>Token files are written under the given relative path of the temp root before resolving.</summary>
    [Theory]
    [InlineData(new[] { "HF_TOKEN", "hf_env" }, null, null, "hf_env")]
    [InlineData(new[] { "HF_TOKEN", "  hf_env \n" }, "home/.cache/huggingface/token", "hf_file", "hf_env")]
    [InlineData(new[] { "HF_TOKEN", "" }, "home/.cache/huggingface/token", "hf_file", "hf_file")]
    [InlineData(new string[0], "home/.cache/huggingface/token", "hf_default\n", "hf_default")]
    [InlineData(new[] { "HF_HOME", "{tmp}/hfhome" }, "hfhome/token", "hf_home", "hf_home")]
    [InlineData(new[] { "XDG_CACHE_HOME", "{tmp}/xdg" }, "xdg/huggingface/token", "hf_xdg", "hf_xdg")]
    [InlineData(new[] { "HF_TOKEN_PATH", "{tmp}/custom/tok" }, "custom/tok", " hf_path ", "hf_path")]
    [InlineData(new[] { "HF_TOKEN_PATH", "{tmp}/custom/tok" }, "home/.cache/huggingface/token", "hf_default", null)]
    [InlineData(new string[0], "home/.cache/huggingface/token", "   \n", null)]
    [InlineData(new string[0], null, null, null)]
    public void Token_comes_from_HF_TOKEN_then_the_token_file(string[] env, string? tokenFile, string? tokenText, string? expected)
    {
        using var temp = new TempTree();
        if (tokenFile is not null)
            temp.Write(tokenFile, tokenText!);
        var settings = HubSettings.Resolve(null, null, null, Env(temp, env));
        Assert.Equal(expected, settings.Token);
    }

    [Fact]
    public void An_oversized_token_file_is_no_token()
    {
        using var temp = new TempTree();
        temp.Write("home/.cache/huggingface/token", new string('x', HubSettings.MaxTokenFileBytes + 1));
        Assert.Null(HubSettings.Resolve(null, null, null, Env(temp)).Token);
    }

    [Theory]
    [InlineData(new string[0], null, "home/.cache/huggingface/hub")]
    [InlineData(new[] { "HF_HOME", "{tmp}/hfhome" }, null, "hfhome/hub")]
    [InlineData(new[] { "XDG_CACHE_HOME", "{tmp}/xdg" }, null, "xdg/huggingface/hub")]
    [InlineData(new[] { "HUGGINGFACE_HUB_CACHE", "{tmp}/legacy", "HF_HOME", "{tmp}/hfhome" }, null, "legacy")]
    [InlineData(new[] { "HF_HUB_CACHE", "{tmp}/new", "HUGGINGFACE_HUB_CACHE", "{tmp}/legacy" }, null, "new")]
    [InlineData(new[] { "HF_HUB_CACHE", "{tmp}/new" }, "{tmp}/option", "option")]
    [InlineData(new[] { "HF_HUB_CACHE", "~/tilde" }, null, "home/tilde")]
    public void Cache_comes_from_the_option_then_HF_HUB_CACHE_then_HF_HOME(string[] env, string? option, string expectedUnderTemp)
    {
        using var temp = new TempTree();
        var settings = HubSettings.Resolve(null, option?.Replace("{tmp}", temp.Root, StringComparison.Ordinal), null, Env(temp, env));
        Assert.Equal(Path.Combine(temp.Root, expectedUnderTemp), settings.CacheDirectory);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("1", null, true)]
    [InlineData("TRUE", null, true)]
    [InlineData("yes", null, true)]
    [InlineData("On", null, true)]
    [InlineData("0", null, false)]
    [InlineData("false", null, false)]
    [InlineData("1", false, false)]
    [InlineData(null, true, true)]
    public void Offline_comes_from_the_option_then_HF_HUB_OFFLINE(string? env, bool? option, bool expected)
    {
        using var temp = new TempTree();
        var settings = HubSettings.Resolve(null, null, option, env is null ? Env(temp) : Env(temp, "HF_HUB_OFFLINE", env));
        Assert.Equal(expected, settings.Offline);
    }

    [Fact]
    public void ToString_says_a_token_is_set_without_showing_it()
    {
        var settings = new HubSettings(new Uri("https://huggingface.co"), "hf_VerySecret", "/cache", Offline: false);
        var text = settings.ToString();
        Assert.DoesNotContain("hf_VerySecret", text, StringComparison.Ordinal);
        Assert.Contains("Token = (set)", text, StringComparison.Ordinal);
    }
}
