using System.Text;
using ModelGate.Formats.Keras;

namespace ModelGate.Formats.Tests.Keras;

public sealed class KerasConfigInspectorTests
{
    private static KerasConfigReport InspectFixture(string name) =>
        KerasConfigInspector.Inspect(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Keras", "testdata", name)));

    [Fact]
    public void Plain_keras3_sequential_reports_nothing()
    {
        var report = InspectFixture("keras3-sequential-dense.json");
        Assert.Equal(3, report.LayerCount);
        Assert.Empty(report.Lambdas);
        Assert.Empty(report.References);
        Assert.Empty(report.TfOpCalls);
        Assert.False(report.RequiresUnsafeDeserialization);
    }

    [Fact]
    public void Keras3_lambda_code_names_os_and_system()
    {
        var report = InspectFixture("keras3-lambda.json");
        var lambda = Assert.Single(report.Lambdas);
        Assert.Equal("evil_lambda", lambda.LayerName);
        Assert.True(lambda.HasMarshalledCode);
        Assert.Contains("os", lambda.CodeStrings);
        Assert.Contains("system", lambda.CodeStrings);
        Assert.Contains("__import__", lambda.CodeStrings);
        Assert.Equal("$.config.layers[1].config.function", lambda.Path);
        Assert.True(report.RequiresUnsafeDeserialization);
    }

    [Fact]
    public void Foreign_modules_custom_registrations_and_function_references_are_reported()
    {
        var report = InspectFixture("keras3-foreign-module.json");
        var seen = report.References.Select(r => (r.Kind, r.Module, r.ClassName, r.FunctionName ?? r.RegisteredName, r.IsKerasModule)).ToList();
        Assert.Equal(
            [
                (KerasReferenceKind.FunctionReference, "builtins", "function", "eval", false),
                (KerasReferenceKind.ForeignModule, "os", "system", null, false),
                (KerasReferenceKind.ForeignModule, "my_package.layers", "MyLayer", "Custom>MyLayer", false),
                (KerasReferenceKind.FunctionReference, "keras.activations", "function", "relu", true),
            ],
            seen);
    }

    [Fact]
    public void Nested_models_are_walked_and_tf_op_lambdas_noted()
    {
        var report = InspectFixture("keras3-nested-functional.json");
        var lambda = Assert.Single(report.Lambdas);
        Assert.Equal("inner_lambda", lambda.LayerName);
        Assert.Contains("print", lambda.CodeStrings);
        var call = Assert.Single(report.TfOpCalls);
        Assert.Equal(("TFOpLambda", "math.add", "tf.math.add"), (call.ClassName, call.Function, call.LayerName));
        Assert.Equal(5, report.LayerCount);
    }

    [Fact]
    public void Keras2_h5_config_lambdas_by_code_and_by_name()
    {
        var report = InspectFixture("keras2-h5-model-config.json");
        Assert.Equal(2, report.Lambdas.Count);
        Assert.True(report.Lambdas[0].HasMarshalledCode);
        Assert.Contains("system", report.Lambdas[0].CodeStrings);
        Assert.Equal(("os", "system", false), (report.Lambdas[1].FunctionModule, report.Lambdas[1].FunctionName, report.Lambdas[1].HasMarshalledCode));
        Assert.Empty(report.References);
    }

    [Fact]
    public void Text_overload_matches_bytes()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Keras", "testdata", "keras3-lambda.json"));
        Assert.Equal(InspectFixture("keras3-lambda.json").Lambdas[0].CodeStrings, KerasConfigInspector.Inspect(text).Lambdas[0].CodeStrings);
    }

    [Theory]
    [InlineData("{\"a\": NaN, \"b\": -Infinity, \"c\": \"NaN Infinity\"}", "NaN Infinity")]
    [InlineData("{\"c\": \"Infinity\\\"NaN\"}", "Infinity\"NaN")]
    public void Python_non_finite_literals_are_accepted_and_strings_untouched(string json, string c)
    {
        var replaced = PythonJsonLiterals.Replace(Encoding.UTF8.GetBytes(json)) ?? Encoding.UTF8.GetBytes(json);
        using var document = System.Text.Json.JsonDocument.Parse(replaced);
        Assert.Equal(c, document.RootElement.GetProperty("c").GetString());
        Assert.Empty(KerasConfigInspector.Inspect(json).Lambdas);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"class_name\": }")]
    [InlineData("[1, 2")]
    public void Invalid_json_is_malformed(string json)
    {
        Assert.Throws<MalformedDataException>(() => KerasConfigInspector.Inspect(json));
    }

    [Fact]
    public void Ten_thousand_deep_nesting_is_malformed()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        Assert.Throws<MalformedDataException>(() => KerasConfigInspector.Inspect(json));
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
        Assert.Throws<MalformedDataException>(() => KerasConfigInspector.Inspect(objects));
    }

    [Fact]
    public void Truncation_at_every_offset_is_malformed_or_clean()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Keras", "testdata", "keras3-nested-functional.json"));
        for (var length = 0; length < bytes.Length; length++)
        {
            try
            {
                KerasConfigInspector.Inspect(bytes.AsSpan(0, length));
            }
            catch (MalformedDataException)
            {
                // expected for most cut points
            }
        }
        Assert.Single(KerasConfigInspector.Inspect(bytes).Lambdas);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    [InlineData("")]
    public void Undecodable_or_empty_code_yields_no_strings(string code)
    {
        var json = "{\"class_name\": \"Lambda\", \"config\": {\"name\": \"l\", \"function\": [\"" + code + "\", null, null], \"function_type\": \"lambda\"}}";
        var lambda = Assert.Single(KerasConfigInspector.Inspect(json).Lambdas);
        Assert.True(lambda.HasMarshalledCode);
        Assert.Empty(lambda.CodeStrings);
    }

    [Fact]
    public void Marshal_scan_survives_random_bytes()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 512)];
            random.NextBytes(bytes);
            Assert.True(MarshalStrings.Extract(bytes, 16).Count <= 16);
        }
        byte[] crafted = [0xDA, 3, (byte)'o', (byte)'s', (byte)'x', 0x61, 0xFF, 0xFF, 0xFF, 0x7F, 0x73, 2, 0, 0, 0, (byte)'z', 1];
        Assert.Equal(["osx"], MarshalStrings.Extract(crafted, 16));
    }
}
