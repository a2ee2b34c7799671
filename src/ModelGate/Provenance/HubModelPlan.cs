using ModelGate.Findings;
using ModelGate.Provenance.Hub;
using ModelGate.Provenance.Locks;

namespace ModelGate.Provenance;

/// <summary>
/// What to fetch for one Hub model and what was learned deciding it: the commit (the lock's, when one pins the
/// repository), the files with the hashes they must have, the pin, and findings about the model as a whole.
/// </summary>
/// <param name="Reference">The reference as the user gave it.</param>
/// <param name="Info">The Hub's metadata at <see cref="Commit"/>.</param>
/// <param name="Files">The files to fetch, with their published hashes.</param>
/// <param name="Locked">The lock entry that applies to this commit, or null.</param>
/// <param name="Pin">What fixes the commit.</param>
/// <param name="Findings">Unpinned revision, moved branch, lock and Hub disagreeing, publisher, signature.</param>
/// <param name="Problems">Files already known bad before any byte is fetched (lock and Hub disagree, absent from the Hub).</param>
internal sealed record HubModelPlan(
    HubReference Reference,
    HubModelInfo Info,
    IReadOnlyList<HubFile> Files,
    LockedModel? Locked,
    ProvenancePin Pin,
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, FileVerification> Problems)
{
    public string Commit => Info.Commit;

    public HubRepoId Repo => Info.Repo;
}
