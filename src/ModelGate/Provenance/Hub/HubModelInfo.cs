namespace ModelGate.Provenance.Hub;

/// <summary>
/// What the Hub says about a model repository at one revision (<c>GET /api/models/{repo}/revision/{rev}?blobs=true</c>).
/// </summary>
/// <param name="Repo">The canonical repository id the Hub answered with (it may differ from the one asked for after a rename).</param>
/// <param name="Commit">The 40-hex commit the revision resolved to.</param>
/// <param name="Files">Every file at that commit, in path order.</param>
internal sealed record HubModelInfo(HubRepoId Repo, string Commit, IReadOnlyList<HubFile> Files)
{
    /// <summary>The user or organization that owns the repository (<c>author</c>, else the id's namespace).</summary>
    public string? Author { get; init; }

    /// <summary>True or a mode ("auto", "manual") when users must accept conditions before downloading.</summary>
    public string? Gated { get; init; }

    public bool Private { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? PipelineTag { get; init; }

    public string? LibraryName { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The card's YAML front matter as the Hub parsed it (<c>cardData</c>), raw JSON; null when absent.</summary>
    public string? CardDataJson { get; init; }

    /// <summary>The parts of <c>config.json</c> the Hub summarises (<c>config</c>), raw JSON; null when absent.</summary>
    public string? ConfigJson { get; init; }
}
