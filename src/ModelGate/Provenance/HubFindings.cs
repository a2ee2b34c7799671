using System.Globalization;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Provenance.Hub;
using ModelGate.Threats;

namespace ModelGate.Provenance;

/// <summary>The provenance findings about a Hub model as a whole, and about files met while fetching it.</summary>
internal static class HubFindings
{
    public static Finding Unpinned(HubReference reference, string repo, string commit) => new()
    {
        Rule = Rules.RevisionNotPinned,
        Severity = Rules.RevisionNotPinned.DefaultSeverity,
        Title = Rules.RevisionNotPinned.Title,
        Message = $"{repo}@{reference.EffectiveRevision} is a branch or tag; it resolved to commit {commit} for this run, and its owner can move it to other bytes at any time.",
        Evidence = [$"requested revision: {reference.Revision ?? "(none: the default branch main)"}", $"resolved commit: {commit}"],
        Remediation = $"Pin it: hf://{repo}@{commit}, or run 'modelgate lock hf://{repo}@{reference.EffectiveRevision}' and commit modelgate.lock.json.",
        Discriminator = repo,
        Threats = ThreatCatalog.For(Rules.RevisionNotPinned),
    };

    public static Finding UntrustedPublisher(string repo, string? owner, IReadOnlyList<string> trusted) => new()
    {
        Rule = Rules.UntrustedPublisher,
        Severity = Rules.UntrustedPublisher.DefaultSeverity,
        Title = Rules.UntrustedPublisher.Title,
        Message = owner is null
            ? $"{repo} has no owning organization, so it cannot be on the trusted list."
            : $"{repo} is published by '{owner}', which is not a trusted organization.",
        Evidence = [$"trusted organizations: {string.Join(", ", trusted)}"],
        Remediation = "Review the publisher (who they are, how long the account exists, what else it publishes) before use; add it to the trusted organizations only after that review.",
        Discriminator = repo,
        Threats = ThreatCatalog.For(Rules.UntrustedPublisher),
    };

    public static Finding SignatureMissing(string repo, string commit) => new()
    {
        Rule = Rules.SignatureMissing,
        Severity = Rules.SignatureMissing.DefaultSeverity,
        Title = Rules.SignatureMissing.Title,
        Message = $"{repo}@{commit[..7]} has no model.sig (OpenSSF model signing) and no Sigstore bundle (*.sigstore.json), so who produced the bytes cannot be checked, only that they are what the Hub serves.",
        Remediation = "Ask the publisher to sign releases with OpenSSF model signing (model_signing), or pin the commit and file hashes in a lock file reviewed by your team.",
        Discriminator = repo,
        Threats = ThreatCatalog.For(Rules.SignatureMissing),
    };

    /// <summary>The revision asked for resolves to a commit other than the locked one.</summary>
    public static Finding CommitDiffers(string repo, string revision, string resolved, string locked, string lockDisplay, bool usedLocked) => new()
    {
        Rule = Rules.CommitDiffersFromLock,
        // Following a branch that moved is expected news, not a fault, when the locked commit is what gets used.
        Severity = usedLocked ? Severity.Info : Rules.CommitDiffersFromLock.DefaultSeverity,
        Title = Rules.CommitDiffersFromLock.Title,
        Message = usedLocked
            ? $"{repo}@{revision} now resolves to {resolved}, but {lockDisplay} pins {locked}: the locked commit was used."
            : $"{repo}@{revision} is commit {resolved}, but {lockDisplay} pins {locked}.",
        Evidence = [$"locked commit: {locked}", $"{revision} resolves to: {resolved}"],
        Remediation = usedLocked
            ? $"Review what changed between {locked[..7]} and {resolved[..7]} before re-locking with 'modelgate lock hf://{repo}@{revision}'."
            : $"Use the locked commit (hf://{repo}@{locked}), or review {resolved[..7]} and re-lock.",
        Discriminator = repo,
        Threats = ThreatCatalog.For(Rules.CommitDiffersFromLock),
    };

    /// <summary>Bytes served for a file do not match the hash the Hub or the lock gives for it.</summary>
    public static Finding HashMismatch(string path, string expected, string actual, string against) => new()
    {
        Rule = Rules.FileHashMismatch,
        Severity = Rules.FileHashMismatch.DefaultSeverity,
        Title = Rules.FileHashMismatch.Title,
        Message = $"{path}: the bytes do not match {against}: expected {expected}, got {actual}.",
        Location = new SourceLocation(path),
        Artifact = path,
        Evidence = [$"expected {expected}", $"actual {actual}", $"checked against {against}"],
        Remediation = "Do not use this file. Fetch it again; if it still differs, the server, a proxy or the lock is wrong — find out which before going on.",
        Discriminator = against,
        Threats = ThreatCatalog.For(Rules.FileHashMismatch),
    };

    /// <summary>A file could not be fetched: not analysed, so not clean.</summary>
    public static Finding NotFetched(string path, string reason) => new()
    {
        Rule = Rules.UnreadableInput,
        Severity = Rules.UnreadableInput.DefaultSeverity,
        Title = Rules.UnreadableInput.Title,
        Message = $"{path} could not be downloaded: {reason}",
        Location = new SourceLocation(path),
        Artifact = path,
        Remediation = "Retry; a file that cannot be fetched is not scanned, so the gate fails closed until it is.",
        Threats = ThreatCatalog.For(Rules.UnreadableInput),
    };

    /// <summary>A locked or listed file the Hub does not have at the commit.</summary>
    public static Finding NotOnHub(string path, string repo, string commit) => new()
    {
        Rule = Rules.LockedFileMissing,
        Severity = Rules.LockedFileMissing.DefaultSeverity,
        Title = Rules.LockedFileMissing.Title,
        Message = string.Create(CultureInfo.InvariantCulture, $"{path} is pinned by the lock but the Hub does not list it for {repo}@{commit}."),
        Location = new SourceLocation(path),
        Artifact = path,
        Remediation = "The lock does not describe this commit; re-create it with 'modelgate lock'.",
        Threats = ThreatCatalog.For(Rules.LockedFileMissing),
    };
}
