using ModelGate.Findings;
using ModelGate.Policy;

namespace ModelGate.Tests.Policies;

public sealed class PolicyFileTests
{
    [Theory]
    [InlineData("thresholds: {}\n", 1, "'version: 1' is required")]
    [InlineData("version: 2\n", 1, "unsupported policy version '2'")]
    [InlineData("version: 1\ncolour: red\n", 2, "unknown field 'colour' in the policy")]
    [InlineData("version: 1\nthresholds:\n  default: { fail: severe }\n", 3, "'severe' is not a severity")]
    [InlineData("version: 1\nthresholds:\n  default: { fail: High }\n", 3, "'High' is not a severity")]
    [InlineData("version: 1\nthresholds:\n  vulnerabilities: { fail: high }\n", 3, "unknown field 'vulnerabilities' in thresholds")]
    [InlineData("version: 1\nthresholds:\n  default: { fail: high, block: low }\n", 3, "unknown field 'block'")]
    [InlineData("version: 1\nthresholds:\n  parse-error: { fail: none }\n", 3, "parse-error findings must be able to fail")]
    [InlineData("version: 1\nthresholds:\n  default: { fail: none }\n", 3, "parse-error findings must be able to fail")]
    [InlineData("version: 1\nthresholds: [high]\n", 2, "thresholds must be a mapping")]
    [InlineData("version: 1\nthresholds:\n  default: { fail: [high] }\n", 3, "must be a single value, not a list")]
    [InlineData("version: 1\nlists:\n  trusted-organizations: google-bert\n", 3, "must be a list")]
    [InlineData("version: 1\nlists:\n  licenses: { allow: [mit], permit: [x] }\n", 3, "unknown field 'permit' in lists.licenses")]
    [InlineData("version: 1\nlists:\n  model-formats: { required: [safetensors, {a: b}] }\n", 3, "must be a single value, not a mapping")]
    [InlineData("version: 1\nrules: {}\n", 2, "rules must be a list")]
    [InlineData("version: 1\nrules:\n  - id: Bad_Id\n    when: 'true'\n    action: fail\n", 3, "must be lower-case letters, digits and '-'")]
    [InlineData("version: 1\nrules:\n  - when: 'true'\n    action: fail\n", 3, "'id' is required")]
    [InlineData("version: 1\nrules:\n  - id: a\n    when: 'true'\n    action: block\n", 5, "action 'block' is not fail, warn or ignore")]
    [InlineData("version: 1\nrules:\n  - id: a\n    action: fail\n", 3, "'when' is required")]
    [InlineData("version: 1\nwaivers:\n  - match: { advisory: X }\n    owner: a@b\n    expires: 2027-01-31\n", 3, "'reason' is required")]
    [InlineData("version: 1\nwaivers:\n  - match: { advisory: X }\n    reason: r\n    expires: 2027-01-31\n", 3, "'owner' is required")]
    [InlineData("version: 1\nwaivers:\n  - match: { advisory: X }\n    reason: r\n    owner: a\n", 3, "'expires' is required")]
    [InlineData("version: 1\nwaivers:\n  - match: { advisory: X }\n    reason: r\n    owner: a\n    expires: 31/01/2027\n", 6, "is not a date written YYYY-MM-DD")]
    [InlineData("version: 1\nwaivers:\n  - match: { advisory: X }\n    reason: r\n    owner: a\n    expires: 2027-02-30\n", 6, "is not a date written YYYY-MM-DD")]
    [InlineData("version: 1\nwaivers:\n  - match: {}\n    reason: r\n    owner: a\n    expires: 2027-01-31\n", 3, "waiver match needs at least one of")]
    [InlineData("version: 1\nwaivers:\n  - match: { cve: X }\n    reason: r\n    owner: a\n    expires: 2027-01-31\n", 3, "unknown field 'cve' in waiver match")]
    [InlineData("version: 1\nwaivers:\n  - match: { advisory: X }\n    reason: ''\n    owner: a\n    expires: 2027-01-31\n", 4, "must not be empty")]
    [InlineData("version: 1\nwaivers:\n  - id: w\n    match: { advisory: X }\n    reason: r\n    owner: a\n    expires: 2027-01-31\n  - id: w\n    match: { advisory: Y }\n    reason: r\n    owner: a\n    expires: 2027-01-31\n", 8, "duplicate waiver id 'w'")]
    [InlineData("version: 1\nwaivers:\n  - match: { advisory: X }\n    reason: r\n    owner: a\n    expires: 2027-01-31\n  - match: { advisory: X }\n    reason: r2\n    owner: b\n    expires: 2027-01-31\n", 7, "duplicate waiver id 'X'")]
    [InlineData("version: 1\nversion: 1\n", 2, "duplicate key 'version'")]
    [InlineData("version: 1\nthresholds: { default: { fail: high }\n", 3, "YAML syntax error")]
    [InlineData("version: 1\n---\nversion: 1\n", 2, "one YAML document")]
    [InlineData("", 1, "the policy is empty")]
    [InlineData("version: 1\nrules: *nothing\n", 2, "names no anchor")]
    public void A_bad_policy_is_refused_with_its_line_and_reason(string yaml, int line, string reason)
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyFile.Parse(yaml, "modelgate-policy.yaml"));

        Assert.StartsWith($"modelgate-policy.yaml:{line}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("!!python/object:os.system\nversion: 1\n")]
    [InlineData("version: !!python/object/apply:os.system ['id']\n")]
    [InlineData("version: 1\nrules: !!python/object/new:subprocess.Popen [x]\n")]
    [InlineData("version: !custom 1\n")]
    [InlineData("version: !!int 1\n")]
    public void Type_tags_are_refused(string yaml)
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyFile.Parse(yaml, "p.yaml"));

        Assert.Contains("type tags are not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_beyond_the_bound_are_refused()
    {
        var yaml = "version: 1\nlists:\n  trusted-organizations: &o [a, b]\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"x{i}: *o\n"));

        var ex = Assert.Throws<PolicyException>(() => PolicyFile.Parse(yaml, "p.yaml"));

        Assert.Contains("more than 8 aliases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_beyond_the_bound_is_refused()
    {
        var yaml = "version: 1\nlists: " + new string('[', 40) + new string(']', 40) + "\n";

        var ex = Assert.Throws<PolicyException>(() => PolicyFile.Parse(yaml, "p.yaml"));

        Assert.Contains("nested deeper than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_over_one_mebibyte_is_refused()
    {
        var yaml = "version: 1\n# " + new string('x', 1024 * 1024) + "\n";

        var ex = Assert.Throws<PolicyException>(() => PolicyFile.Parse(yaml, "p.yaml"));

        Assert.Contains("larger than 1 MiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_policy_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "modelgate-tests", Guid.NewGuid().ToString("N"), "modelgate-policy.yaml");

        var ex = Assert.Throws<PolicyException>(() => PolicyFile.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_policy_loads_and_equals_the_built_in_thresholds()
    {
        var document = PolicyFile.Parse(PolicyFile.DefaultText, "default");

        Assert.All(Enum.GetValues<FindingKind>(), kind => Assert.Equal(new Thresholds(Severity.High, Severity.Medium), document.Thresholds[kind]));
        Assert.Empty(document.Rules);
        Assert.Empty(document.Waivers);
        Assert.Empty(document.Lists.RequiredModelFormats);
        Assert.Contains("parse-error", PolicyFile.DefaultText, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_fill_missing_kinds_and_fields_from_default()
    {
        var document = PolicyFile.Parse("""
            version: 1
            thresholds:
              default: { fail: critical, warn: low }
              vulnerability: { fail: high }
              provenance: { fail: none, warn: none }
              card: { warn: info }
            """, "p.yaml");

        Assert.Equal(new Thresholds(Severity.High, Severity.Low), document.Thresholds[FindingKind.Vulnerability]);
        Assert.Equal(new Thresholds(null, null), document.Thresholds[FindingKind.Provenance]);
        Assert.Equal(new Thresholds(Severity.Critical, Severity.Info), document.Thresholds[FindingKind.Card]);
        Assert.Equal(new Thresholds(Severity.Critical, Severity.Low), document.Thresholds[FindingKind.Artifact]);
        Assert.Equal(new Thresholds(Severity.Critical, Severity.Low), document.Thresholds[FindingKind.ParseError]);
    }

    [Fact]
    public void Lists_and_waivers_are_read_in_order_with_their_lines()
    {
        var document = PolicyFile.Parse("""
            version: 1
            lists:
              licenses: { allow: [apache-2.0, mit, permissive], deny: [cc-by-nc-4.0, non-commercial] }
              trusted-organizations: [google-bert, meta-llama]
              pickle: { safe-callables: ["mypkg.layers.Custom"], dangerous-callables: ["mypkg.unsafe.run"] }
              model-formats: { required: [safetensors, gguf, onnx] }
            waivers:
              - id: requests-netrc
                match: { advisory: PYSEC-2023-74 }
                reason: Not reachable
                owner: alice@example.com
                expires: 2027-01-31
              - match: { rule: MG1102, path: "requirements/*.txt" }
                reason: Hashes come with the lock
                owner: bob@example.com
                expires: "2026-12-31"
            """, "p.yaml");

        Assert.Equal<string>(["apache-2.0", "mit", "permissive"], document.Lists.AllowedLicenses);
        Assert.Equal<string>(["cc-by-nc-4.0", "non-commercial"], document.Lists.DeniedLicenses);
        Assert.Equal<string>(["google-bert", "meta-llama"], document.Lists.TrustedOrganizations);
        Assert.Equal<string>(["mypkg.layers.Custom"], document.Lists.SafeCallables);
        Assert.Equal<string>(["mypkg.unsafe.run"], document.Lists.DangerousCallables);
        Assert.Equal<string>(["safetensors", "gguf", "onnx"], document.Lists.RequiredModelFormats);
        Assert.Equal(2, document.Waivers.Length);
        Assert.Equal(new PolicyWaiver("requests-netrc", new WaiverMatch(null, null, "PYSEC-2023-74", null, null), "Not reachable", "alice@example.com", new DateOnly(2027, 1, 31), 8), document.Waivers[0]);
        Assert.Equal("MG1102 requirements/*.txt", document.Waivers[1].Id);
        Assert.Equal(13, document.Waivers[1].Line);
    }
}
