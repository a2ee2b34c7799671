using ModelGate.Formats.Requirements;

namespace ModelGate.Remediation;

/// <summary>
/// <c>modelgate deps pin-hashes FILE</c>: adds <c>--hash=sha256:...</c> options for every file of each
/// pinned requirement's version (as <c>pip-compile --generate-hashes</c> does, so the file installs under
/// pip's hash-checking mode on any platform the release has files for). Requirements that are not pinned
/// with <c>==</c>/<c>===</c>, versions the source does not have, and lookups that fail are reported per
/// requirement; the rest are written. <c>-r</c>/<c>-c</c> includes are not followed: each file is pinned on its own.
/// </summary>
internal static class HashPinning
{
    public static async Task<RequirementsRewriteResult> PinAsync(string requirementsPath, IDigestSource source, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requirementsPath);
        ArgumentNullException.ThrowIfNull(source);
        var (text, bom) = RequirementsFileText.Read(requirementsPath);
        var file = RequirementsReader.Read(text);
        var notes = new List<RequirementsEditNote>();
        var edits = new List<(int Line, string Name, IReadOnlyList<string> Hashes)>();
        // One lookup per (name, version): the same pin may appear under different markers.
        var cache = new Dictionary<(string, string), DigestLookup?>();
        PackageIndexException? unavailable = null;

        foreach (var requirement in file.Entries.OfType<RequirementsRequirement>())
        {
            var name = requirement.Name ?? requirement.Text;
            var version = RequirementsEditor.PinnedVersion(requirement);
            if (version is null)
            {
                // The editor reports it as not pinned, with the reason.
                edits.Add((requirement.Line, name, []));
                continue;
            }
            void Fail(string message) => notes.Add(new RequirementsEditNote(requirement.Line, name, RequirementsEditNoteKind.NotApplied, message));

            if (unavailable is not null)
            {
                Fail($"{name}: not looked up: {source.Description} was unavailable ({unavailable.Message})");
                continue;
            }
            var key = (Formats.Pep508.PackageName.Normalize(name), version);
            if (!cache.TryGetValue(key, out var lookup))
            {
                try
                {
                    lookup = await source.LookupAsync(name, version, cancellationToken).ConfigureAwait(false);
                }
                catch (PackageIndexException ex)
                {
                    lookup = null;
                    if (ex.Transient)
                        unavailable = ex;
                    Fail($"{name}: no hashes added: {ex.Message}");
                    cache[key] = null;
                    continue;
                }
                cache[key] = lookup;
            }
            if (lookup is null)
                Fail($"{name}: no hashes added: the lookup of {version} failed (see above)");
            else if (!lookup.Found)
                Fail($"{name}: no hashes added: {source.Description} has no version {version} of {name}");
            else if (lookup.Files.Count == 0)
                Fail($"{name}: no hashes added: {source.Description} lists no files for {name} {version}");
            else
                edits.Add((requirement.Line, name, [.. lookup.Files.Select(f => f.HashOption)]));
        }

        var edited = RequirementsEditor.AddHashes(text, edits);
        notes.AddRange(edited.Notes);
        var diff = TextDiff.UnifiedDiff(RequirementsFileText.DisplayPath(requirementsPath), text, edited.Text);
        var write = edited.Changed && !dryRun;
        if (write)
            RequirementsFileText.WriteAtomically(requirementsPath, edited.Text, bom);
        return new RequirementsRewriteResult(requirementsPath, text, edited.Text, diff, [.. notes.OrderBy(n => n.Line)], write);
    }
}
