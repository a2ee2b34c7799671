using System.Text;
using ModelGate.Formats.ModelCards;

namespace ModelGate.Formats.Tests.ModelCards;

public sealed class ModelConfigReaderTests
{
    [Fact]
    public void Transformers_config_fields_are_read()
    {
        var config = ModelConfigReader.Read("""
            {"architectures": ["BertForMaskedLM"], "model_type": "bert", "transformers_version": "4.6.0.dev0",
             "torch_dtype": "float32", "hidden_size": 768}
            """u8);

        Assert.Equal(["BertForMaskedLM"], config.Architectures);
        Assert.Equal("bert", config.ModelType);
        Assert.Equal("4.6.0.dev0", config.TransformersVersion);
        Assert.Equal("float32", config.TorchDtype);
        Assert.Empty(config.AutoMap);
    }

    [Fact]
    public void Auto_map_names_the_repository_code()
    {
        var config = ModelConfigReader.Read("""
            {"auto_map": {"AutoConfig": "configuration_phi.PhiConfig", "AutoModelForCausalLM": "modeling_phi.PhiForCausalLM",
             "AutoTokenizer": ["tokenization_x.XTokenizer", null]}, "dtype": "bfloat16"}
            """u8);

        Assert.Equal("modeling_phi.PhiForCausalLM", config.AutoMap["AutoModelForCausalLM"]);
        Assert.Equal("tokenization_x.XTokenizer", config.AutoMap["AutoTokenizer"]);
        Assert.Equal("bfloat16", config.TorchDtype);
    }

    [Theory]
    [InlineData("[1, 2]", "$: expected an object, found a list")]
    [InlineData("{\"architectures\": \"Bert\"}", "$.architectures: expected a list, found a string")]
    [InlineData("{\"architectures\": [1]}", "$.architectures[0]: expected a string, found a number")]
    [InlineData("{\"auto_map\": {\"AutoModel\": {}}}", "$.auto_map.AutoModel: expected a string or a list, found an object")]
    [InlineData("{\"transformers_version\": 4}", "$.transformers_version: expected a string, found a number")]
    [InlineData("{\"model_type\": ", "not valid JSON")]
    public void Wrong_shapes_are_named_by_json_path(string json, string expected)
    {
        var ex = Assert.Throws<MalformedDataException>(() => ModelConfigReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var json = "{\"a\":" + new string('[', 100) + new string(']', 100) + "}";

        Assert.Throws<MalformedDataException>(() => ModelConfigReader.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_string_that_is_not_UTF_8_is_refused_with_its_offset()
    {
        // Found by the model-config fuzz target: JsonElement.GetString threw InvalidOperationException.
        byte[] json = [.. "{\"model_type\": \"be"u8, 0xFF, .. "rt\"}"u8];

        var error = Assert.Throws<MalformedDataException>(() => ModelConfigReader.Read(json));

        Assert.Equal(18, error.Offset);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }
}
