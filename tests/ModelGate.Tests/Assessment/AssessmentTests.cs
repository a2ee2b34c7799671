using ModelGate.Assessment;
using ModelGate.Reporting;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Assessment;

/// <summary>The four parts on model folders shaped like real Hub repositories (cards and licences paraphrased).</summary>
public sealed class AssessmentTests : IDisposable
{
    private const string LlamaCard = """
        ---
        license: llama3
        pipeline_tag: text-generation
        tags: [llama, llama-3]
        extra_gated_prompt: >-
          If the monthly active users of the products made available by Licensee is greater than 700 million
          monthly active users, you must request a license from Meta.
        extra_gated_fields:
          Country: country
          Affiliation: text
        ---
        ## Model Details
        Meta developed the Llama 3 family.
        ## Intended Use
        Intended for commercial and research use in English. Out-of-scope: use that violates the Acceptable Use Policy.
        ## Training Data
        Pretrained on 15 trillion tokens of publicly available data.
        ## Benchmarks
        Results on standard benchmarks.
        ## Responsibility & Safety
        Limitations: the model may produce inaccurate output.
        """;

    private const string GemmaCard = """
        ---
        license: gemma
        library_name: transformers
        ---
        # Gemma Model Card
        ## Usage and Limitations
        Use of Gemma is subject to the Gemma Prohibited Use Policy.
        """;

    private const string OpenRailCard = """
        ---
        license: creativeml-openrail-m
        tags: [stable-diffusion, text-to-image]
        ---
        # Stable Diffusion v1-5
        ## Uses
        ### Direct Use
        The model is intended for research purposes only.
        """;

    private const string NonCommercialCard = """
        ---
        license: cc-by-nc-4.0
        datasets: [tatsu-lab/alpaca]
        ---
        # A chat model
        Released for non-commercial use only.
        """;

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Assessment", "testdata", name));

    private async Task<ScanReport> AssessAsync(AssessmentSettings? settings = null)
    {
        var scanner = ScannerBuilder.CreateDefault().AddAnalyzer(new AssessmentAnalyzer(settings ?? new AssessmentSettings())).Build();
        return await scanner.ScanAsync(_tree.Root, new ScanOptions());
    }

    private static IReadOnlyList<string> Rules(ScanReport report) => [.. report.Findings.Select(f => f.Rule.Id).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Llama_terms_are_use_restricted_with_threshold_policy_and_naming_clauses()
    {
        _tree.Write("README.md", LlamaCard);
        _tree.Write("LICENSE", Fixture("llama3-LICENSE.txt"));
        _tree.Write("USE_POLICY.md", Fixture("llama-USE_POLICY.md"));

        var report = await AssessAsync();
        var a = report.Assessment!;

        Assert.Equal("llama3", a.License);
        Assert.Equal("use-restricted", a.LicenseCategory);
        Assert.Equal(AssessmentVerdict.Warn, a.Licensing.Verdict);
        Assert.Contains(a.Clauses, c => c is { Kind: "user-threshold", Path: "LICENSE", Line: 8 });
        Assert.Contains(a.Clauses, c => c is { Kind: "acceptable-use", Path: "USE_POLICY.md", Line: 1 });
        Assert.Contains(a.Clauses, c => c is { Kind: "naming", Path: "LICENSE" });
        Assert.Contains(a.Clauses, c => c is { Kind: "user-threshold", Path: "README.md", Line: 6 });
        Assert.Contains("LICENSE: present; reads as llama3", a.Licensing.Evidence);
        Assert.Equal(["MG4006", "MG4011", "MG4015"], Rules(report).Where(r => r is "MG4006" or "MG4011" or "MG4015"));
        Assert.DoesNotContain("MG4001", Rules(report));
        Assert.DoesNotContain("MG4010", Rules(report));
    }

    [Fact]
    public async Task Gemma_terms_are_use_restricted_and_the_prohibited_use_policy_is_quoted()
    {
        _tree.Write("README.md", GemmaCard);

        var a = (await AssessAsync()).Assessment!;

        Assert.Equal("use-restricted", a.LicenseCategory);
        var clause = Assert.Single(a.Clauses);
        Assert.Equal(("acceptable-use", 7), (clause.Kind, clause.Line));
        Assert.Equal("Use of Gemma is subject to the Gemma Prohibited Use Policy.", clause.Text);
    }

    [Fact]
    public async Task OpenRail_use_restrictions_and_a_research_only_card_fail_licensing()
    {
        _tree.Write("README.md", OpenRailCard);
        _tree.Write("LICENSE.md", Fixture("openrail-LICENSE.md"));

        var report = await AssessAsync();
        var a = report.Assessment!;

        Assert.Equal("use-restricted", a.LicenseCategory);
        Assert.Contains(a.Clauses, c => c is { Kind: "field-of-use", Path: "LICENSE.md" });
        Assert.Contains(a.Clauses, c => c is { Kind: "research-only", Path: "README.md", Line: 8 });
        Assert.Equal(AssessmentVerdict.Fail, a.Licensing.Verdict);
        Assert.Contains("MG4006", Rules(report));
    }

    [Fact]
    public async Task A_non_commercial_licence_fails_and_the_dataset_licence_is_named()
    {
        _tree.Write("README.md", NonCommercialCard);

        var report = await AssessAsync();
        var a = report.Assessment!;

        Assert.Equal(("cc-by-nc-4.0", "non-commercial"), (a.License, a.LicenseCategory));
        Assert.Equal(AssessmentVerdict.Fail, a.Licensing.Verdict);
        Assert.Equal(AssessmentVerdict.Fail, a.Verdict);
        Assert.Contains(a.Clauses, c => c is { Kind: "non-commercial", Line: 6 });
        Assert.Contains(a.Licensing.Evidence, e => e.StartsWith("dataset alpaca: cc-by-nc-4.0", StringComparison.Ordinal));
        Assert.Contains("MG4005", Rules(report));
        Assert.Contains("MG4018", Rules(report));
    }

    [Theory]
    [InlineData("research-LICENSE.txt", "fair-noncommercial-research-license", "non-commercial-research")]
    [InlineData("llama3-LICENSE.txt", "llama3", "use-restricted")]
    public async Task An_other_licence_is_categorised_from_its_text(string licenseFile, string readAs, string category)
    {
        _tree.Write("README.md", "---\nlicense: other\nlicense_name: acme-license\nlicense_link: LICENSE.md\n---\n# Acme\n");
        _tree.Write("LICENSE.md", Fixture(licenseFile));

        var a = (await AssessAsync()).Assessment!;

        Assert.Equal("other", a.License);
        Assert.Equal(category, a.LicenseCategory);
        Assert.Contains($"the licence is read as {readAs} ({category}) from its text", a.Licensing.Evidence);
    }

    [Fact]
    public async Task An_other_licence_nobody_can_identify_needs_review()
    {
        _tree.Write("README.md", "---\nlicense: other\nlicense_name: acme-license\nlicense_link: https://acme.example/license\n---\n# Acme\n");
        _tree.Write("LICENSE.md", "ACME MODEL LICENSE\nYou may use this model as Acme sees fit.\n");

        var report = await AssessAsync();

        Assert.Equal("other", report.Assessment!.LicenseCategory);
        Assert.Equal(AssessmentVerdict.Warn, report.Assessment.Licensing.Verdict);
        Assert.Contains("MG4009", Rules(report));
    }

    [Fact]
    public async Task A_licence_file_that_contradicts_the_card_is_reported()
    {
        _tree.Write("README.md", "---\nlicense: apache-2.0\n---\n# Model\n");
        _tree.Write("LICENSE", Fixture("mit-LICENSE.txt"));

        var report = await AssessAsync();

        var finding = Assert.Single(report.Findings, f => f.Rule.Id == "MG4010");
        Assert.Equal("The card declares apache-2.0, but LICENSE reads as mit.", finding.Message);
    }

    [Fact]
    public async Task A_card_without_metadata_declares_no_licence_and_fails_closed()
    {
        _tree.Write("README.md", "# My model\n\nTrained on my laptop.\n");
        _tree.Write("config.json", "{\"model_type\": \"bert\"}");

        var report = await AssessAsync();
        var a = report.Assessment!;

        Assert.Null(a.License);
        Assert.Equal("unknown", a.LicenseCategory);
        Assert.Equal(AssessmentVerdict.Fail, a.Licensing.Verdict);
        Assert.Contains("MG4003", Rules(report));
        Assert.True(a.DocumentationScore < OperationalRiskPart.FailScore, $"score {a.DocumentationScore}");
    }

    [Fact]
    public async Task Broken_card_metadata_is_a_finding_with_line_and_column()
    {
        _tree.Write("README.md", "---\nlicense: apache-2.0\npipeline_tag: \"text-classification\ntags: [a]\n---\n# Model\n");
        _tree.Write("config.json", "{}");

        var report = await AssessAsync();

        var finding = Assert.Single(report.Findings, f => f.Rule.Id == "MG4002");
        Assert.StartsWith("The metadata of README.md cannot be read: line 3, column ", finding.Message, StringComparison.Ordinal);
        Assert.Equal(3, finding.Location?.Line);
        Assert.Equal("unknown", report.Assessment!.LicenseCategory);
    }

    [Fact]
    public async Task A_folder_without_a_card_scores_zero_and_is_reported()
    {
        _tree.Write("weights.safetensors", "not really");

        var report = await AssessAsync();
        var a = report.Assessment!;

        Assert.Equal(0, a.DocumentationScore);
        Assert.Equal(AssessmentVerdict.Fail, a.OperationalRisk.Verdict);
        Assert.Contains("MG4001", Rules(report));
        Assert.Contains("MG4003", Rules(report));
        Assert.Null(a.Card);
    }

    [Fact]
    public async Task Custom_code_needs_trust_remote_code_and_fails_technical_security()
    {
        _tree.Write("README.md", "---\nlicense: mit\n---\n# Phi-like\n");
        _tree.Write("config.json", "{\"auto_map\": {\"AutoModelForCausalLM\": \"modeling_phi.PhiForCausalLM\"}}");
        _tree.Write("modeling_phi.py", "import os\n");

        var report = await AssessAsync();

        Assert.Equal(AssessmentVerdict.Fail, report.Assessment!.TechnicalSecurity.Verdict);
        var finding = Assert.Single(report.Findings, f => f.Rule.Id == "MG4012");
        Assert.Equal("config.json", finding.Location?.Path);
        Assert.Contains("config.json auto_map AutoModelForCausalLM → modeling_phi.PhiForCausalLM", finding.Evidence);
        Assert.Contains("Python file modeling_phi.py", finding.Evidence);
    }

    [Fact]
    public async Task Pickle_only_weights_are_reported_and_safetensors_recommended()
    {
        _tree.Write("README.md", "---\nlicense: mit\n---\n# Tiny\n");
        // Protocol 2 pickle of an empty dict: "\x80\x02}q\x00." — benign, still a pickle.
        _tree.WriteBytes("pytorch_model.bin", [0x80, 0x02, 0x7D, 0x71, 0x00, 0x2E, 0x0A, 0x0A]);

        var report = await AssessAsync();

        Assert.Contains("MG4014", Rules(report));
        Assert.DoesNotContain("MG4013", Rules(report));
        Assert.Equal(AssessmentVerdict.Warn, report.Assessment!.TechnicalSecurity.Verdict);
    }

    [Fact]
    public async Task A_risky_tag_is_reported()
    {
        _tree.Write("README.md", "---\nlicense: mit\ntags: [not-for-all-audiences, text-to-image]\n---\n# Model\n");

        var report = await AssessAsync();

        Assert.Contains("MG4016", Rules(report));
        Assert.Contains("risky tags: not-for-all-audiences", report.Assessment!.OperationalRisk.Evidence);
    }

    [Theory]
    [InlineData("", "apache-2.0", "MG4004")]
    [InlineData("mit", "", "MG4004")]
    [InlineData("Apache-2.0", "", "")]
    public async Task The_policy_licence_lists_decide(string allow, string deny, string expected)
    {
        _tree.Write("README.md", "---\nlicense: apache-2.0\n---\n# Model\n");
        var settings = new AssessmentSettings
        {
            AllowedLicenses = allow.Length == 0 ? [] : [allow],
            DeniedLicenses = deny.Length == 0 ? [] : [deny],
        };

        var report = await AssessAsync(settings);

        Assert.Equal(expected, string.Join(',', Rules(report).Where(r => r == "MG4004")));
        Assert.Equal(expected.Length == 0 ? AssessmentVerdict.Pass : AssessmentVerdict.Fail, report.Assessment!.Licensing.Verdict);
    }

    [Fact]
    public async Task Provenance_of_an_unlocked_local_folder_never_passes()
    {
        _tree.Write("README.md", "---\nlicense: mit\nbase_model: org/base\n---\n# Model\n[paper](https://arxiv.org/abs/2401.00001)\n");

        var a = (await AssessAsync()).Assessment!;

        Assert.Equal(AssessmentVerdict.Warn, a.Provenance.Verdict);
        Assert.Contains("revision: unpinned (no lock names this snapshot's commit)", a.Provenance.Evidence);
        Assert.Contains("signature: none found (model.sig absent, no *.sigstore.json bundle)", a.Provenance.Evidence);
        Assert.Contains("paper: https://arxiv.org/abs/2401.00001", a.Provenance.Evidence);
        Assert.Contains("base model: org/base", a.Provenance.Evidence);
    }

    [Fact]
    public async Task A_scan_without_the_assessment_has_no_assessment()
    {
        _tree.Write("README.md", "---\nlicense: mit\n---\n# Model\n");

        var report = await ScannerBuilder.CreateDefault().Build().ScanAsync(_tree.Root, new ScanOptions());

        Assert.Null(report.Assessment);
        Assert.Single(report.Inventory.ModelCards);
    }

    [Fact]
    public async Task Policy_conditions_see_the_card_of_the_finding()
    {
        _tree.Write("README.md", GemmaCard);

        var report = await AssessAsync();
        var finding = report.Findings.First(f => f.Rule.Id == "MG4006");
        var facts = global::ModelGate.Policy.Conditions.PolicyFacts.For(finding, global::ModelGate.Policy.Conditions.PolicyFactsIndex.Build(report));

        Assert.Equal("gemma", facts.Get("card", "license"));
        Assert.Equal("use-restricted", facts.Get("card", "license_category"));
        Assert.Equal("transformers", facts.Get("card", "library_name"));
        Assert.Equal("README.md", facts.Get("card", "path"));
        Assert.True(global::ModelGate.Policy.Conditions.PolicyCondition.Compile("card.license_category == 'use-restricted' && finding.rule == 'MG4006'").Evaluate(facts));
    }
}
