using System.Text;
using ModelGate.Policy;
using ModelGate.Reporting.Json;

namespace ModelGate.Tests.Policies;

/// <summary>Inputs the policy-file and json-report fuzz targets found crashing the readers; each must now be a clean refusal.</summary>
public sealed class FuzzRegressionTests
{
    /// <summary>YamlDotNet's scanner threw InvalidOperationException on control characters in a flow mapping's plain scalar.</summary>
    [Theory]
    [InlineData("version: 1\nthresholds:\n  parse-error: { faid: hi\u007f\0\0\0\nlists:\n  trusted-organizations: [google-bert]\n")]
    [InlineData("version: 1\nrules: [ { id: a\0\0 } ]\n")]
    public void Control_characters_inside_a_flow_collection_are_a_policy_error(string yaml)
    {
        var error = Assert.Throws<PolicyException>(() => PolicyFile.Parse(yaml, "p.yaml"));
        Assert.StartsWith("p.yaml:", error.Message, StringComparison.Ordinal);
    }

    /// <summary>JsonElement.GetString threw InvalidOperationException on a string holding bytes that are not UTF-8.</summary>
    [Fact]
    public void A_report_string_that_is_not_utf8_is_refused_as_invalid_data()
    {
        byte[] json = [.. """{"schemaVersion": 1, "findings": [ { "ruleId": "MG1103", "kind": "hygiene", "severity": "medium", "title": "Extra pack"""u8,
            0xE1, (byte)'g', .. """e", "message": "m", "location": null, "package": null, "artifact": null, "evidence": [] } ] }"""u8];

        var error = Assert.Throws<InvalidDataException>(() => JsonReportReader.Parse(json, "r.json"));
        Assert.StartsWith("r.json: a string is not valid Unicode text", error.Message, StringComparison.Ordinal);
    }
}
