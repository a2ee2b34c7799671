using System.Collections.Frozen;

namespace ModelGate.Policy.Conditions;

/// <summary>
/// Every variable and field a <c>when</c> condition can read (README.md in this folder is the table for
/// policy writers). Every field is always present, so a condition never fails on a missing key; compile-time
/// checking rejects names not listed here.
/// </summary>
internal static class PolicyFactSchema
{
    public const string Finding = "finding";
    public const string Package = "package";
    public const string Artifact = "artifact";
    public const string Model = "model";
    public const string Card = "card";

    /// <summary>The variables, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Variables { get; } = [Finding, Package, Artifact, Model, Card];

    public static IReadOnlyList<PolicyFactField> Fields { get; } =
    [
        new(Finding, "id", PolicyFactType.String, "the finding's fingerprint (stable across runs; what waivers match)", "'3f1a09c2b7d4e815'"),
        new(Finding, "rule", PolicyFactType.String, "rule id (docs/rules.md)", "'MG1001'"),
        new(Finding, "kind", PolicyFactType.String, "vulnerability, artifact, provenance, license, card, hygiene or parse-error", "'vulnerability'"),
        new(Finding, "severity", PolicyFactType.String, "info, low, medium, high or critical", "'high'"),
        new(Finding, "severity_rank", PolicyFactType.Int, "the severity as a number: info 0, low 1, medium 2, high 3, critical 4", "3"),
        new(Finding, "title", PolicyFactType.String, "one-line title", "'requests 2.19.0: PYSEC-2023-74'"),
        new(Finding, "message", PolicyFactType.String, "the full message", "'Requests forwards proxy credentials…'"),
        new(Finding, "path", PolicyFactType.String, "file the finding is located in, relative to the scan root, '/'-separated; '' for the whole target", "'requirements.txt'"),
        new(Finding, "line", PolicyFactType.Int, "1-based line in that file; 0 when none", "12"),
        new(Finding, "offset", PolicyFactType.Int, "byte offset in that file (binary formats); 0 when none", "4096"),
        new(Finding, "package", PolicyFactType.String, "the package as the finding names it: name or name==version; '' when none", "'requests'"),
        new(Finding, "artifact", PolicyFactType.String, "the model file the finding is about ('archive!member' for a member); '' when none", "'model.pt!archive/data.pkl'"),
        new(Finding, "advisory", PolicyFactType.String, "primary advisory id of a vulnerability finding; '' otherwise", "'PYSEC-2023-74'"),
        new(Finding, "aliases", PolicyFactType.StringList, "the advisory's other ids (CVE, GHSA…)", "['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q']"),
        new(Finding, "cvss", PolicyFactType.Double, "CVSS base score of the vulnerability; 0 when none is known", "6.1"),
        new(Finding, "fixed", PolicyFactType.Bool, "a fixed version of the vulnerable package exists", "true"),
        new(Finding, "evidence", PolicyFactType.StringList, "the facts supporting the finding, one line each", "['ids: PYSEC-2023-74, CVE-2023-32681']"),
        new(Finding, "threats", PolicyFactType.StringList, "threat reference ids (OWASP ML Top 10, OWASP LLM Top 10, MITRE ATLAS, CWE)", "['ML06', 'AML.T0010', 'CWE-502']"),

        new(Package, "name", PolicyFactType.String, "normalized package name (PEP 503; conda names lowercased)", "'requests'"),
        new(Package, "version", PolicyFactType.String, "pinned version; '' when not pinned", "'2.19.0'"),
        new(Package, "ecosystem", PolicyFactType.String, "OSV ecosystem", "'PyPI'"),
        new(Package, "direct", PolicyFactType.Bool, "the project names the package itself (not only through another package)", "true"),
        new(Package, "source", PolicyFactType.String, "file that declares it", "'requirements.txt'"),
        new(Package, "line", PolicyFactType.Int, "line of the declaration; 0 when none", "3"),
        new(Package, "origin", PolicyFactType.String, "manifest, lockfile or installed", "'manifest'"),
        new(Package, "group", PolicyFactType.String, "dependency group or optional set ('dev', 'optional:gpu', 'group:test'); '' for the main set", "'dev'"),
        new(Package, "specifier", PolicyFactType.String, "version constraint as declared; '' when unconstrained", "'>=2.0,<3'"),
        new(Package, "extras", PolicyFactType.StringList, "extras requested", "['socks']"),
        new(Package, "marker", PolicyFactType.String, "PEP 508 environment marker; '' when unconditional", "'python_version < \"3.11\"'"),
        new(Package, "hashes", PolicyFactType.StringList, "declared hashes as algorithm:hex", "['sha256:3f1a…']"),
        new(Package, "url", PolicyFactType.String, "direct reference (URL, VCS URL or local path); '' for index packages", "'git+https://github.com/org/pkg'"),
        new(Package, "editable", PolicyFactType.Bool, "installed or declared in editable mode", "false"),
        new(Package, "index_urls", PolicyFactType.StringList, "primary package indexes for this declaration", "['https://pypi.org/simple']"),
        new(Package, "extra_index_urls", PolicyFactType.StringList, "pip --extra-index-url values in force", "['https://download.pytorch.org/whl']"),
        new(Package, "extractor", PolicyFactType.String, "the extractor that read the declaration", "'python/requirements'"),

        new(Artifact, "path", PolicyFactType.String, "model file path ('archive!member' for a member)", "'bert/pytorch_model.bin'"),
        new(Artifact, "container", PolicyFactType.String, "the archive holding a member; '' for a file", "'bert/pytorch_model.bin'"),
        new(Artifact, "format", PolicyFactType.String, "format the bytes show", "'pickle'"),
        new(Artifact, "verdict", PolicyFactType.String, "clean, suspicious, malicious or error; '' when the artifact scan did not run", "'suspicious'"),
        new(Artifact, "size", PolicyFactType.Int, "size in bytes", "438000000"),
        new(Artifact, "sha256", PolicyFactType.String, "SHA-256 of the bytes, lowercase hex; '' when not computed", "'9f86d081…'"),

        new(Model, "repo", PolicyFactType.String, "Hub repository, owner/name", "'google-bert/bert-base-uncased'"),
        new(Model, "organization", PolicyFactType.String, "the owner part of repo", "'google-bert'"),
        new(Model, "commit", PolicyFactType.String, "40-hex commit the files belong to", "'86b5e0934494bd15c9632b12f734a8a67f723594'"),
        new(Model, "revision", PolicyFactType.String, "revision as the user gave it; '' for the default branch", "'main'"),
        new(Model, "pinned_by", PolicyFactType.String, "what fixes the commit: reference, lock or none", "'lock'"),
        new(Model, "source", PolicyFactType.String, "where the files came from (Hub endpoint, local folder or cache)", "'https://huggingface.co'"),
        new(Model, "lock_file", PolicyFactType.String, "lock file the files were checked against; '' without one", "'modelgate.lock'"),

        new(Card, "path", PolicyFactType.String, "the model card (README.md) of the model folder the finding is in; '' when none", "'README.md'"),
        new(Card, "license", PolicyFactType.String, "licence id from the card's license field (the first, when it is a list)", "'apache-2.0'"),
        new(Card, "license_name", PolicyFactType.String, "licence name for 'other' licences", "'llama3'"),
        new(Card, "license_category", PolicyFactType.String, "category of the licence id in ModelGate's catalogue: permissive, weak-copyleft, strong-copyleft, network-copyleft, non-commercial, non-commercial-research, no-derivatives, use-restricted, other or unknown", "'use-restricted'"),
        new(Card, "pipeline_tag", PolicyFactType.String, "task", "'text-classification'"),
        new(Card, "library_name", PolicyFactType.String, "library that loads the model", "'transformers'"),
        new(Card, "tags", PolicyFactType.StringList, "card tags", "['bert', 'pytorch']"),
        new(Card, "datasets", PolicyFactType.StringList, "training datasets named by the card", "['bookcorpus']"),
        new(Card, "base_model", PolicyFactType.String, "model this one derives from (the first, when several)", "'google-bert/bert-base-uncased'"),
        new(Card, "gated", PolicyFactType.Bool, "the card asks users to accept terms before download (extra_gated_*)", "true"),
    ];

    private static readonly FrozenDictionary<string, PolicyFactField> ByPath =
        Fields.ToFrozenDictionary(f => f.Variable + "." + f.Name, StringComparer.Ordinal);

    public static bool IsVariable(string name) => Variables.Contains(name, StringComparer.Ordinal);

    public static PolicyFactField? Find(string variable, string field) =>
        ByPath.TryGetValue(variable + "." + field, out var f) ? f : null;

    public static IEnumerable<PolicyFactField> FieldsOf(string variable) => Fields.Where(f => f.Variable == variable);
}
