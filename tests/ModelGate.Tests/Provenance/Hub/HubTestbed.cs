using System.Collections.Concurrent;
using System.Text;
using ModelGate.Provenance.Hub;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Provenance.Hub;

/// <summary>A fake Hub with one small repository (LFS and git files, a nested path), a CDN, a temp cache, and a client whose backoff does not sleep.</summary>
internal sealed class HubTestbed : IAsyncDisposable
{
    public const string RepoName = "acme/bert-tiny";
    public const string Commit = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    public const string Token = "hf_SecretTokenValue1234567890";

    public static readonly HubRepoId Repo = HubRepoId.Parse(RepoName);

    public HubTestbed(bool useCdn = true)
    {
        Files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["README.md"] = Encoding.UTF8.GetBytes("---\nlicense: apache-2.0\n---\n# bert-tiny\n"),
            ["config.json"] = Encoding.UTF8.GetBytes("{\"architectures\":[\"BertForMaskedLM\"],\"hidden_size\":128}"),
            ["model.safetensors"] = Pattern(300_000, 7),
            ["tokenizer/vocab.txt"] = Encoding.UTF8.GetBytes("[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n"),
        };
        Server.AddRepo(RepoName, Commit, Files, new Dictionary<string, string> { ["main"] = Commit, ["refs/pr/1"] = Commit });
        if (useCdn)
            Server.UseCdn(Cdn);
    }

    public FakeHubServer Server { get; } = new();

    public FakeHubServer Cdn { get; } = new();

    public TempTree Temp { get; } = new();

    public Dictionary<string, byte[]> Files { get; }

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public string CacheRoot => Path.Combine(Temp.Root, "hub-cache");

    public HubSettings Settings(string? token = null, bool offline = false) =>
        new(Server.Endpoint, token, CacheRoot, offline);

    public HubClientOptions Options => new()
    {
        RequestTimeout = TimeSpan.FromSeconds(20),
        Delay = (delay, _) =>
        {
            Delays.Enqueue(delay);
            return Task.CompletedTask;
        },
        Jitter = () => 0.5,
    };

    public HubClient Client(string? token = null, bool offline = false, HubClientOptions? options = null) =>
        new(Settings(token, offline), options ?? Options);

    public HubCache Cache => new(CacheRoot);

    public HubFile Meta(string path)
    {
        var content = Files[path];
        return FakeHubServer.IsLfs(path, content.Length)
            ? new HubFile(path, content.Length, FakeHubServer.GitBlobId(FakeHubServer.LfsPointer(content)), FakeHubServer.Sha256(content))
            : new HubFile(path, content.Length, FakeHubServer.GitBlobId(content), null);
    }

    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Cdn.DisposeAsync();
        Temp.Dispose();
    }
}
