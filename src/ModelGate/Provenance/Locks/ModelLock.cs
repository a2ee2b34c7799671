using ModelGate.Provenance.Hub;

namespace ModelGate.Provenance.Locks;

/// <summary>A lock file's content: the models it pins, in ordinal repository order (docs/lock-format.md).</summary>
internal sealed record ModelLock(IReadOnlyList<LockedModel> Models)
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The conventional file name.</summary>
    public const string DefaultFileName = "modelgate.lock.json";

    public static ModelLock Empty { get; } = new([]);

    public LockedModel? Find(HubRepoId repo) => Models.FirstOrDefault(m => m.Repo == repo);

    /// <summary>A lock with <paramref name="model"/> added, or replacing the entry of the same repository.</summary>
    public ModelLock With(LockedModel model)
    {
        var models = Models.Where(m => m.Repo != model.Repo).Append(model)
            .OrderBy(m => m.Repo.ToString(), StringComparer.Ordinal)
            .ToArray();
        return new ModelLock(models);
    }
}
