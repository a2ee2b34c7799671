using System.Text;
using System.Text.Json.Nodes;
using ModelGate.Formats.CycloneDx;

namespace ModelGate.Formats.Tests.CycloneDx;

public sealed class CycloneDxReaderTests
{
    private static CycloneDxBom Fixture(string name) =>
        CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "CycloneDx", "testdata", name)));

    private static CycloneDxBom Read(string json) => CycloneDxReader.Read(Encoding.UTF8.GetBytes(json));

    public static TheoryData<string> OfficialExamples =>
        [.. Directory.GetFiles(SharedExamples.Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).OfType<string>()];

    [Theory]
    [MemberData(nameof(OfficialExamples))]
    public void Every_official_example_is_read_without_losing_a_component(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SharedExamples.Folder, name));

        var bom = CycloneDxReader.Read(bytes);

        // An independent walk of the same trees: the subject and the components, however deep.
        var root = JsonNode.Parse(bytes)!;
        var expected = new List<string>();
        if (root["metadata"]?["component"] is JsonObject subject)
            Walk(subject, expected);
        foreach (var component in root["components"]?.AsArray() ?? [])
            Walk(component!.AsObject(), expected);
        Assert.Equal(expected, bom.Components.Select(c => $"{c.Type}:{c.Name}@{c.Version}:{c.Purl}"));
        Assert.Equal(root["vulnerabilities"]?.AsArray().Count ?? 0, bom.Vulnerabilities.Count);
        Assert.Empty(bom.Problems);
        Assert.Equal((string?)root["specVersion"], bom.SpecVersion);

        static void Walk(JsonObject component, List<string> names)
        {
            names.Add($"{(string?)component["type"]}:{(string?)component["name"]}@{(string?)component["version"]}:{(string?)component["purl"]}");
            foreach (var child in component["components"]?.AsArray() ?? [])
                Walk(child!.AsObject(), names);
        }
    }

    [Theory]
    [InlineData("valid-machine-learning-1.6.json")]
    [InlineData("valid-machine-learning-1.7.json")]
    public void The_official_ML_example_gives_its_model_card(string name)
    {
        var bom = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(SharedExamples.Folder, name)));

        var model = Assert.Single(bom.Components);
        Assert.Equal("machine-learning-model", model.Type);
        Assert.Equal("stable-diffusion", model.Name);
        var card = Assert.IsType<CycloneDxModelCard>(model.ModelCard);
        Assert.Equal("task goes here", card.Task);
        Assert.Equal("the architecture family goes here", card.ArchitectureFamily);
        Assert.Equal(["Training Data"], card.DatasetNames);
        Assert.Equal("The type of performance metric", Assert.Single(card.Metrics).Type);
    }

    [Theory]
    [InlineData("valid-vulnerability-1.6.json")]
    [InlineData("valid-vulnerability-1.7.json")]
    public void The_official_vulnerability_example_gives_ratings_cwes_and_affects(string name)
    {
        var bom = CycloneDxReader.Read(File.ReadAllBytes(Path.Combine(SharedExamples.Folder, name)));

        var vulnerability = Assert.Single(bom.Vulnerabilities);
        Assert.NotEmpty(vulnerability.Ratings);
        Assert.NotEmpty(vulnerability.Cwes);
        Assert.Equal(["pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.4"], bom.Components.Select(c => c.PackageUrl!.ToString()));
    }

    [Fact]
    public void A_syft_BOM_gives_its_pypi_packages_normalized_with_properties()
    {
        var bom = Fixture("syft-python.cdx.json");

        var pypi = bom.Components.Where(c => c.PackageUrl?.Type == "pypi").ToList();
        Assert.Equal(["requests@2.28.2", "pyyaml@5.3.1", "urllib3@1.26.15"], pypi.Select(c => $"{c.PackageUrl!.Name}@{c.PackageUrl.Version}"));
        Assert.Contains(new KeyValuePair<string, string>("syft:package:metadataType", "python-package"), pypi[0].Properties);
        Assert.Equal(["Apache-2.0"], pypi[0].Licenses);
        Assert.Equal(["MIT"], pypi[1].Licenses);
        Assert.Equal("file", bom.Subject!.Type);
        Assert.Equal("deb", bom.Components.Single(c => c.Name == "libc6").PackageUrl!.Type);
        Assert.Empty(bom.Problems);
    }

    [Fact]
    public void A_Trivy_BOM_gives_the_packages_nested_under_their_manifest_and_its_vulnerability()
    {
        var bom = Fixture("trivy-python.cdx.json");

        var jinja = bom.Components.Single(c => c.Name == "jinja2");
        Assert.Equal(1, jinja.Depth);
        Assert.Equal("3ff14136-e09f-4df9-80ea-000000000002", jinja.ParentRef);
        Assert.Equal("$.components[0].components[0]", jinja.Path);
        Assert.Contains(jinja.Properties, p => p.Key == "aquasecurity:trivy:PkgType" && p.Value == "pip");
        var vulnerability = Assert.Single(bom.Vulnerabilities);
        Assert.Equal("CVE-2024-22195", vulnerability.Id);
        Assert.Equal(["pkg:pypi/jinja2@2.11.2"], vulnerability.Affects);
        Assert.Equal([79], vulnerability.Cwes);
        var rating = Assert.Single(vulnerability.Ratings);
        Assert.Equal((5.4, "medium", "CVSSv31"), (rating.Score, rating.Severity, rating.Method));
        Assert.Equal(4, bom.Dependencies.Count);
        Assert.Empty(bom.Problems);
    }

    [Fact]
    public void A_cyclonedx_py_BOM_gives_hashes_scope_and_an_unversioned_component()
    {
        var bom = Fixture("cyclonedx-py-requirements.cdx.json");

        var fastapi = bom.Components.Single(c => c.Name == "fastapi");
        Assert.Equal("daf74bfe7adf12fc4ab1fb8f1f8e3f2a5c8a63d8e0e4e4d6a5c2b1a0f9e8d7c6", Assert.Single(fastapi.Hashes).Content);
        Assert.Equal("optional", bom.Components.Single(c => c.Name == "starlette").Scope);
        var uvicorn = bom.Components.Single(c => c.Name == "uvicorn");
        Assert.Null(uvicorn.Version);
        Assert.Null(uvicorn.PackageUrl!.Version);
        Assert.Equal(["requirements-L1", "requirements-L2", "requirements-L3"], bom.Dependencies.Single(d => d.Ref == "root-component").DependsOn);
        Assert.Empty(bom.Dependencies.Single(d => d.Ref == "requirements-L1").DependsOn);
    }

    [Fact]
    public void Duplicate_bom_refs_are_reported_with_both_places()
    {
        var bom = Read("""{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","bom-ref":"x"},{"type":"library","name":"b","bom-ref":"x"}]}""");

        var problem = Assert.Single(bom.Problems);
        Assert.Equal(CycloneDxProblemKind.DuplicateBomRef, problem.Kind);
        Assert.Equal("$.components[1].bom-ref", problem.Path);
        Assert.Contains("$.components[0]", problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, bom.Components.Count);
    }

    [Fact]
    public void Dangling_dependency_affects_and_dataset_references_are_reported()
    {
        var bom = Read("""
            {"bomFormat":"CycloneDX","specVersion":"1.6",
             "components":[{"type":"machine-learning-model","name":"m","bom-ref":"m","modelCard":{"modelParameters":{"datasets":[{"ref":"gone-data"}]}}}],
             "dependencies":[{"ref":"m","dependsOn":["gone-dep"]},{"ref":"gone-root"},{"ref":"m","dependsOn":["urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#x"]}],
             "vulnerabilities":[{"id":"CVE-1","affects":[{"ref":"gone-affect"}]}]}
            """);

        Assert.All(bom.Problems, p => Assert.Equal(CycloneDxProblemKind.DanglingReference, p.Kind));
        Assert.Equal(
            ["$.dependencies[0].dependsOn[0]", "$.dependencies[1].ref", "$.vulnerabilities[0].affects[0].ref", "$.components[0].modelCard.modelParameters.datasets[0].ref"],
            bom.Problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData("""{"bomFormat":"CycloneDX","components":"none"}""", "$.components", "an array, not a string")]
    [InlineData("""{"bomFormat":"CycloneDX","components":[7]}""", "$.components[0]", "an object, not a number")]
    [InlineData("""{"bomFormat":"CycloneDX","components":[{"type":"library","name":5}]}""", "$.components[0].name", "a string, not a number")]
    [InlineData("""{"bomFormat":"CycloneDX","components":[{"type":"library"}]}""", "$.components[0]", "needs a \"type\" and a \"name\"")]
    [InlineData("""{"bomFormat":"CycloneDX","components":[{"type":"library","name":"a","hashes":{}}]}""", "$.components[0].hashes", "an array, not an object")]
    [InlineData("""{"bomFormat":"CycloneDX","components":[{"type":"library","name":"a","hashes":[{"alg":"SHA-256","content":"zz"}]}]}""", "$.components[0].hashes[0]", "hexadecimal")]
    [InlineData("""{"bomFormat":"CycloneDX","components":[{"type":"library","name":"a","purl":"pypi/a@1"}]}""", "$.components[0].purl", "not a valid purl")]
    [InlineData("""{"bomFormat":"CycloneDX","dependencies":[{"dependsOn":[]}]}""", "$.dependencies[0]", "needs a \"ref\"")]
    [InlineData("""{"bomFormat":"CycloneDX","vulnerabilities":[{"affects":[]}]}""", "$.vulnerabilities[0]", "without an \"id\"")]
    [InlineData("""{"bomFormat":"CycloneDX","metadata":{"component":[]}}""", "$.metadata.component", "an object, not an array")]
    public void Wrong_types_become_problems_with_their_json_path(string json, string path, string message)
    {
        var bom = Read(json);

        Assert.Contains(bom.Problems, p => p.Path == path && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]", "a BOM is a JSON object, not an array")]
    [InlineData("""{"bomFormat":"SPDX"}""", "bomFormat is 'SPDX', not CycloneDX")]
    [InlineData("""{"spdxVersion":"SPDX-2.3"}""", "not a CycloneDX BOM")]
    [InlineData("{\"bomFormat\":\"CycloneDX\",\n\"components\": [,]}", "not valid JSON")]
    [InlineData("{\"bomFormat\":\"CycloneDX\"", "not valid JSON")]
    public void What_is_not_a_CycloneDX_JSON_BOM_is_refused_with_the_reason(string json, string reason)
    {
        var ex = Assert.Throws<MalformedDataException>(() => Read(json));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_names_its_line()
    {
        var ex = Assert.Throws<MalformedDataException>(() => Read("{\"bomFormat\":\"CycloneDX\",\n\"components\": [\n{,}]}"));

        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void Ten_thousand_deep_nesting_is_refused_with_the_limit_not_a_stack_overflow()
    {
        var b = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"components\":[");
        for (var i = 0; i < 10_000; i++)
            b.Append("{\"type\":\"library\",\"name\":\"n").Append(i).Append("\",\"components\":[");
        for (var i = 0; i < 10_000; i++)
            b.Append("]}");
        b.Append("]}");

        var ex = Assert.Throws<MalformedDataException>(() => Read(b.ToString()));

        Assert.Contains($"deeper than {CycloneDxReader.MaxJsonDepth} levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Components_nested_past_the_component_limit_are_cut_with_a_problem()
    {
        const int levels = 100;
        var b = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
        for (var i = 0; i < levels; i++)
            b.Append("{\"type\":\"library\",\"name\":\"n").Append(i).Append("\",\"components\":[");
        for (var i = 0; i < levels; i++)
            b.Append("]}");
        b.Append("]}");

        var bom = Read(b.ToString());

        Assert.Equal(CycloneDxReader.MaxComponentDepth + 1, bom.Components.Count);
        var problem = Assert.Single(bom.Problems);
        Assert.Equal(CycloneDxProblemKind.LimitExceeded, problem.Kind);
    }

    [Fact]
    public void Problems_are_capped_and_the_rest_counted()
    {
        var b = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"dependencies\":[");
        for (var i = 0; i < 5000; i++)
            b.Append(i == 0 ? string.Empty : ",").Append("{\"ref\":\"missing-").Append(i).Append("\"}");
        b.Append("]}");

        var bom = Read(b.ToString());

        Assert.Equal(CycloneDxReader.MaxProblems + 1, bom.Problems.Count);
        Assert.Equal($"{5000 - CycloneDxReader.MaxProblems} more problems not listed", bom.Problems[^1].Message);
    }

    [Fact]
    public void A_50_MB_BOM_is_read_whole()
    {
        const int count = 200_000;
        var b = new StringBuilder(52 * 1024 * 1024);
        b.Append("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
        for (var i = 0; i < count; i++)
        {
            b.Append(i == 0 ? string.Empty : ",")
                .Append("{\"bom-ref\":\"pkg:pypi/package-").Append(i).Append("@1.0.").Append(i)
                .Append("\",\"type\":\"library\",\"name\":\"package-").Append(i).Append("\",\"version\":\"1.0.").Append(i)
                .Append("\",\"purl\":\"pkg:pypi/package-").Append(i).Append("@1.0.").Append(i)
                .Append("\",\"description\":\"").Append('x', 160).Append("\"}");
        }
        b.Append("]}");
        var bytes = Encoding.UTF8.GetBytes(b.ToString());
        Assert.True(bytes.Length > 50 * 1000 * 1000);

        var bom = CycloneDxReader.Read(bytes);

        Assert.Equal(count, bom.Components.Count);
        Assert.Equal("package-199999", bom.Components[^1].PackageUrl!.Name);
        Assert.Empty(bom.Problems);
    }

    [Fact]
    public void A_BOM_over_the_size_limit_is_refused_before_parsing()
    {
        var ex = Assert.Throws<MalformedDataException>(() => CycloneDxReader.Read(new byte[CycloneDxReader.MaxBytes + 1]));

        Assert.Contains($"larger than {CycloneDxReader.MaxBytes} bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"bomFormat\":\"CycloneDX\"}", true)]
    [InlineData("\uFEFF  \n{ \"$schema\": \"x\", \"bomFormat\": \"CycloneDX\" }", true)]
    [InlineData("{\"spdxVersion\":\"SPDX-2.3\"}", false)]
    [InlineData("[{\"bomFormat\":\"CycloneDX\"}]", false)]
    [InlineData("", false)]
    public void The_sniffer_needs_an_object_naming_bomFormat(string prefix, bool expected)
    {
        Assert.Equal(expected, CycloneDxReader.LooksLikeBom(Encoding.UTF8.GetBytes(prefix)));
    }
}
