using System.Globalization;
using ModelGate.Formats.Pep440;

namespace ModelGate.Formats.Requirements;

/// <summary>
/// Rewrites pins and hashes in a pip requirements file as a text transform: only the bytes an edit is about
/// change; comments, order, markers, extras, spacing, each line's terminator and the presence or absence of
/// the final newline stay as they were. Lines are located with <see cref="RequirementsReader"/>'s model (an
/// edit names the line where a requirement's logical line starts), and every edited requirement is read
/// back with the reader to check that it says what the edit meant and nothing else; an edit that cannot be
/// made, or checked, is reported in the notes and left out.
/// </summary>
public static class RequirementsEditor
{
    /// <summary>
    /// Sets the version of each named requirement's <c>==X</c> (or <c>===X</c>) clause. <c>--hash</c> options
    /// of that requirement are removed (they are digests of the old version's files), with the backslashes
    /// that joined them. An edit whose line holds no single <c>==</c>/<c>===</c> pin for that package is reported.
    /// </summary>
    public static RequirementsEditResult UpgradePins(string text, IReadOnlyList<(int Line, string Name, string NewVersion)> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edits);
        var document = new RequirementsDocument(text);
        var notes = new List<RequirementsEditNote>();
        foreach (var (line, name, newVersion) in edits)
            UpgradeOne(document, line, name, newVersion, notes);
        return new RequirementsEditResult(text, document.Render(), Sorted(notes));
    }

    /// <summary>
    /// Writes <c>--hash</c> options for pinned requirements in pip-compile's layout (see
    /// <see cref="RequirementGroup.AppendHashes"/>), replacing any the requirement had. Hashes are given as
    /// <c>algorithm:hex</c> (sha256, sha384 or sha512, the algorithms pip accepts); they are lower-cased,
    /// de-duplicated and sorted, as pip-compile writes them. A requirement not pinned with a single
    /// <c>==</c>/<c>===</c> clause is reported: hashes only mean something for one version.
    /// </summary>
    public static RequirementsEditResult AddHashes(string text, IReadOnlyList<(int Line, string Name, IReadOnlyList<string> Hashes)> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edits);
        var document = new RequirementsDocument(text);
        var notes = new List<RequirementsEditNote>();
        foreach (var (line, name, hashes) in edits)
            AddHashesOne(document, line, name, hashes, notes);
        return new RequirementsEditResult(text, document.Render(), Sorted(notes));
    }

    /// <summary>The version a requirement is pinned to by its only clause (<c>==V</c> without <c>.*</c>, or <c>===V</c>), as written; else null.</summary>
    public static string? PinnedVersion(RequirementsRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (requirement.Form != RequirementForm.Named || requirement.Url is not null || requirement.Specifiers.Count != 1)
            return null;
        var clause = requirement.Specifiers[0];
        if (clause.StartsWith("===", StringComparison.Ordinal))
            return clause[3..];
        return clause.StartsWith("==", StringComparison.Ordinal) && !clause.EndsWith(".*", StringComparison.Ordinal) ? clause[2..] : null;
    }

    private static void UpgradeOne(RequirementsDocument document, int line, string name, string newVersion, List<RequirementsEditNote> notes)
    {
        void Note(RequirementsEditNoteKind kind, string message) => notes.Add(new(line, name, kind, message));

        var requirement = document.Find(line, name, out var why);
        if (requirement is null)
        {
            Note(RequirementsEditNoteKind.NotApplied, $"{name}: not changed: {why}");
            return;
        }
        if (requirement.Form != RequirementForm.Named || requirement.Url is not null)
        {
            Note(RequirementsEditNoteKind.NotApplied, $"{name}: not changed: line {line} is a {requirement.Form.ToString().ToLowerInvariant()} reference, not an index requirement pinned with ==");
            return;
        }
        var group = document.Group(requirement);
        var clauses = group.FindPinClauses();
        if (clauses.Count != 1)
        {
            Note(RequirementsEditNoteKind.NotApplied, clauses.Count == 0
                ? $"{name}: not changed: line {line} holds no == pin ({(requirement.Specifier.Length == 0 ? "no version clause" : requirement.Specifier)})"
                : $"{name}: not changed: line {line} has {clauses.Count} ==/=== clauses; one was expected");
            return;
        }
        var clause = clauses[0];
        var host = group.Lines[clause.Line]!;
        var op = RequirementGroup.OperatorText(host, clause);
        var oldVersion = RequirementGroup.VersionText(host, clause);
        var oldClause = op + oldVersion;
        if (oldVersion.EndsWith(".*", StringComparison.Ordinal) || oldVersion.Length == 0 || !requirement.Specifiers.Contains(oldClause))
        {
            Note(RequirementsEditNoteKind.NotApplied, oldVersion.EndsWith(".*", StringComparison.Ordinal)
                ? $"{name}: not changed: line {line} pins a prefix ({oldClause}), not one version"
                : $"{name}: not changed: the {op} clause on line {line} could not be located in the text");
            return;
        }
        if (InvalidVersion(op, newVersion) is string invalid)
        {
            Note(RequirementsEditNoteKind.NotApplied, $"{name}: not changed: {invalid}");
            return;
        }
        var hadHashes = requirement.Hashes.Count;
        if (string.Equals(oldVersion, newVersion, StringComparison.Ordinal) && hadHashes == 0)
        {
            Note(RequirementsEditNoteKind.Unchanged, $"{name}: already {oldClause}");
            return;
        }

        group.Replace(clause, newVersion);
        var removed = 0;
        if (hadHashes > 0)
        {
            removed = group.RemoveHashes();
            if (removed < 0)
            {
                Note(RequirementsEditNoteKind.NotApplied, $"{name}: not changed: a --hash option on line {line}'s logical line has its value on the next line; edit it by hand");
                return;
            }
            group.FixContinuation();
        }

        var expectedSpecifiers = requirement.Specifiers.Select(s => s == oldClause ? op + newVersion : s).ToList();
        if (Verify(group, requirement, expectedSpecifiers, []) is string mismatch)
        {
            Note(RequirementsEditNoteKind.NotApplied, $"{name}: not changed: the edited line would not read back as intended ({mismatch})");
            return;
        }
        document.Commit(group);
        Note(RequirementsEditNoteKind.Applied, $"{name}: {oldClause} -> {op}{newVersion}");
        if (removed > 0)
            Note(RequirementsEditNoteKind.HashesRemoved, $"{name}: {removed} --hash {(removed == 1 ? "value" : "values")} removed; they were for {oldVersion}");
        if (expectedSpecifiers.Count > 1 && op == "==" && SpecifierSet.TryParse(string.Join(',', expectedSpecifiers), out var set)
            && PythonVersion.TryParse(newVersion, out var parsed) && !set.Contains(parsed, prereleases: true))
        {
            Note(RequirementsEditNoteKind.Warning, $"{name}: {newVersion} is outside the requirement's other clauses ({string.Join(',', expectedSpecifiers)}); pip will find no version");
        }
    }

    private static void AddHashesOne(RequirementsDocument document, int line, string name, IReadOnlyList<string> hashes, List<RequirementsEditNote> notes)
    {
        void Note(RequirementsEditNoteKind kind, string message) => notes.Add(new(line, name, kind, message));

        var requirement = document.Find(line, name, out var why);
        if (requirement is null)
        {
            Note(RequirementsEditNoteKind.NotApplied, $"{name}: no hashes added: {why}");
            return;
        }
        var pinned = PinnedVersion(requirement);
        if (pinned is null)
        {
            Note(RequirementsEditNoteKind.NotApplied, requirement.Form != RequirementForm.Named || requirement.Url is not null
                ? $"{name}: no hashes added: line {line} is a {requirement.Form.ToString().ToLowerInvariant()} reference; only requirements pinned with == can be hashed from an index"
                : $"{name}: no hashes added: not pinned with == to one version ({(requirement.Specifier.Length == 0 ? "no version clause" : requirement.Specifier)})");
            return;
        }
        var normalized = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var hash in hashes)
        {
            if (NormalizeHash(hash) is not string good)
            {
                Note(RequirementsEditNoteKind.NotApplied, $"{name}: no hashes added: '{RequirementsLineParser.Shorten(hash)}' is not algorithm:hex with sha256, sha384 or sha512");
                return;
            }
            normalized.Add(good);
        }
        if (normalized.Count == 0)
        {
            Note(RequirementsEditNoteKind.NotApplied, $"{name}: no hashes added: no digests were given for {pinned}");
            return;
        }
        var wanted = normalized.ToList();
        if (requirement.Hashes.Order(StringComparer.Ordinal).SequenceEqual(wanted, StringComparer.Ordinal))
        {
            Note(RequirementsEditNoteKind.Unchanged, $"{name}: already has these {wanted.Count} hashes");
            return;
        }

        var group = document.Group(requirement);
        var replaced = 0;
        if (requirement.Hashes.Count > 0)
        {
            replaced = group.RemoveHashes();
            if (replaced < 0)
            {
                Note(RequirementsEditNoteKind.NotApplied, $"{name}: no hashes added: a --hash option on line {line}'s logical line has its value on the next line; edit it by hand");
                return;
            }
        }
        string? moved;
        try
        {
            moved = group.AppendHashes(wanted);
        }
        catch (InvalidOperationException ex)
        {
            Note(RequirementsEditNoteKind.NotApplied, $"{name}: no hashes added: {ex.Message}");
            return;
        }
        if (Verify(group, requirement, requirement.Specifiers, wanted) is string mismatch)
        {
            Note(RequirementsEditNoteKind.NotApplied, $"{name}: no hashes added: the edited line would not read back as intended ({mismatch})");
            return;
        }
        document.Commit(group);
        Note(RequirementsEditNoteKind.Applied, replaced > 0
            ? $"{name}: {wanted.Count} --hash {(wanted.Count == 1 ? "value" : "values")} for {pinned} written, replacing {replaced}"
            : $"{name}: {wanted.Count} --hash {(wanted.Count == 1 ? "value" : "values")} for {pinned} written");
        if (moved is not null)
            Note(RequirementsEditNoteKind.CommentMoved, $"{name}: the inline comment moved below the --hash lines (pip joins continued lines before it strips comments, so it would hide them)");
    }

    /// <summary>Reads the edited group back and compares it with what the requirement should now say.</summary>
    private static string? Verify(RequirementGroup group, RequirementsRequirement before, IReadOnlyList<string> specifiers, List<string> hashes)
    {
        var entries = RequirementsReader.Read(group.Render()).Entries;
        var requirements = entries.OfType<RequirementsRequirement>().ToList();
        if (requirements.Count != 1 || requirements[0].Line != 1)
            return $"it reads as {requirements.Count} requirements";
        var after = requirements[0];
        if (entries.OfType<RequirementsError>().Any())
            return "pip would report an error: " + entries.OfType<RequirementsError>().First().Message;
        if (after.Name != before.Name || after.Form != before.Form || after.Url != before.Url || after.MarkerText != before.MarkerText
            || after.Editable != before.Editable || !after.Extras.SequenceEqual(before.Extras, StringComparer.Ordinal))
            return "name, extras or marker changed";
        if (!after.Specifiers.SequenceEqual(specifiers, StringComparer.Ordinal))
            return $"version clauses read as '{after.Specifier}'";
        if (!after.Options.SequenceEqual(before.Options))
            return "other per-requirement options changed";
        if (!after.Hashes.SequenceEqual(hashes, StringComparer.Ordinal))
            return $"{after.Hashes.Count} hashes read back, {hashes.Count} expected";
        return null;
    }

    private static string? InvalidVersion(string op, string version)
    {
        if (version.Length == 0 || version.Length > ReaderLimits.MaxRequirementLength)
            return $"'{RequirementsLineParser.Shorten(version)}' is not a version";
        if (op == "===")
        {
            // Arbitrary equality compares strings; any text without whitespace or clause punctuation is allowed.
            return version.Any(c => char.IsWhiteSpace(c) || c is ',' or ';' or '#' or '\\' or ')' or '(' or '\'' or '"')
                ? $"'{RequirementsLineParser.Shorten(version)}' cannot follow ===" : null;
        }
        return PythonVersion.TryParse(version, out _) && !version.Any(char.IsWhiteSpace)
            ? null
            : $"'{RequirementsLineParser.Shorten(version)}' is not a valid PEP 440 version";
    }

    /// <summary><c>algorithm:hex</c> with a strong algorithm (pip's STRONG_HASHES) and the right digest length, lower-cased.</summary>
    internal static string? NormalizeHash(string hash)
    {
        var colon = hash.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            return null;
        var algorithm = hash[..colon].ToLowerInvariant();
        var hex = hash[(colon + 1)..].ToLowerInvariant();
        var length = algorithm switch { "sha256" => 64, "sha384" => 96, "sha512" => 128, _ => 0 };
        if (length == 0 || hex.Length != length || !hex.All(char.IsAsciiHexDigitLower))
            return null;
        return string.Create(CultureInfo.InvariantCulture, $"{algorithm}:{hex}");
    }

    private static List<RequirementsEditNote> Sorted(List<RequirementsEditNote> notes) => [.. notes.OrderBy(n => n.Line)];
}
