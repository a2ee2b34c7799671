using ModelGate.Provenance;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;
using ModelGate.Tests.Provenance.Hub;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Provenance;

/// <summary>
/// A fake Hub (with a CDN for LFS files) serving examples/bert-sentiment/model as google-bert/bert-base-uncased
/// at its real commit, branch main pointing there; temp folders for the caches and destinations.
/// </summary>
internal sealed class BertHub : IAsyncDisposable
{
    public const string RepoName = "google-bert/bert-base-uncased";
    public const string Commit = "86b5e0934494bd15c9632b12f734a8a67f723594";
    public const string NewerCommit = "0123456789abcdef0123456789abcdef01234567";

    public static readonly HubRepoId Repo = HubRepoId.Parse(RepoName);

    public BertHub()
    {
        Files = ExampleFiles();
        Server.AddRepo(RepoName, Commit, Files, new Dictionary<string, string> { ["main"] = Commit, ["v1.0"] = Commit });
        Server.UseCdn(Cdn);
    }

    public FakeHubServer Server { get; } = new();

    public FakeHubServer Cdn { get; } = new();

    public TempTree Temp { get; } = new();

    public Dictionary<string, byte[]> Files { get; }

    public string HfCache => Path.Combine(Temp.Root, "hf-cache");

    public string WorkCache => Path.Combine(Temp.Root, "modelgate-cache");

    public int ModelInfoRequests => Server.Requests.Count(r => r.PathOnly.StartsWith("/api/models/", StringComparison.Ordinal));

    public HubSourceOptions Options(bool offline = false, ModelLock? lockFile = null) =>
        new(new HubSettings(Server.Endpoint, null, HfCache, offline), WorkCache)
        {
            Client = new HubClientOptions { RequestTimeout = TimeSpan.FromSeconds(20), Delay = (_, _) => Task.CompletedTask, Jitter = () => 0.5 },
            Lock = lockFile,
            LockDisplay = lockFile is null ? null : "modelgate.lock.json",
        };

    /// <summary>Moves main to a second commit that changes config.json.</summary>
    public void MoveMain()
    {
        var files = new Dictionary<string, byte[]>(Files, StringComparer.Ordinal) { ["config.json"] = "{\"hidden_size\": 1024}\n"u8.ToArray() };
        Server.AddRepo(RepoName, NewerCommit, files, new Dictionary<string, string> { ["main"] = NewerCommit });
    }

    /// <summary>The lock the example ships, rebuilt from the example's bytes.</summary>
    public static async Task<ModelLock> ExampleLockAsync() =>
        new([await LockedModelFactory.FromFolderAsync(ExampleModelFolder, Repo, Commit, "main", [], CancellationToken.None)]);

    public static string ExampleModelFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples", "bert-sentiment", "model");
                if (Directory.Exists(candidate))
                    return candidate;
            }
            throw new DirectoryNotFoundException("examples/bert-sentiment/model");
        }
    }

    private static Dictionary<string, byte[]> ExampleFiles()
    {
        var root = ExampleModelFolder;
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.StartsWith(".cache/", StringComparison.Ordinal))
            .ToDictionary(p => p, p => File.ReadAllBytes(Path.Combine(root, p)), StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Cdn.DisposeAsync();
        Temp.Dispose();
    }
}
