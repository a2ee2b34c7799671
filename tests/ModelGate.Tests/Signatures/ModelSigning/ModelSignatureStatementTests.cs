using System.Text;
using ModelGate.Signatures.ModelSigning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.ModelSigning;

public sealed class ModelSignatureStatementTests
{
    /// <summary>Signs <paramref name="statement"/> into model/model.sig and checks the model against it.</summary>
    private static async Task<ModelSignatureCheck> CheckStatementAsync(TempTree tree, byte[] statement, ModelSigningLimits? limits = null)
    {
        using var key = ModelSigningKit.NewKey("P-256");
        tree.WriteBytes("model/model.sig", ModelSignatureWriter.Envelope(statement, key));
        return await ModelSigningKit.CheckAsync(Path.Combine(tree.Root, "model"), ModelSigningKit.Trust(key), limits: limits);
    }

    [Fact]
    public async Task Resources_out_of_order_verify_when_the_subject_digest_covers_that_order()
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");
        tree.Write("model/b.bin", "b");

        var check = await CheckStatementAsync(tree, ModelSigningKit.Statement([("b.bin", ModelSigningKit.Sha256("b")), ("a.bin", ModelSigningKit.Sha256("a"))]));

        Assert.True(check.Passed, check.Problem);
    }

    [Fact]
    public async Task A_subject_digest_that_does_not_cover_the_resources_is_invalid()
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");

        var check = await CheckStatementAsync(tree, ModelSigningKit.Statement([("a.bin", ModelSigningKit.Sha256("a"))], rootDigest: new string('0', 64)));

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
        Assert.Contains("$.subject[0].digest.sha256", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_listed_twice_is_invalid()
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");

        var check = await CheckStatementAsync(tree, ModelSigningKit.Statement([("a.bin", ModelSigningKit.Sha256("a")), ("a.bin", ModelSigningKit.Sha256("b"))]));

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
        Assert.Contains("$.predicate.resources[1].name: 'a.bin' is listed more than once", check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\x")]
    [InlineData("C:/x")]
    [InlineData("a//b")]
    [InlineData("./a")]
    [InlineData("")]
    [InlineData("a\u0000b")]
    public async Task A_resource_name_that_is_not_a_safe_relative_path_is_invalid(string name)
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");

        var check = await CheckStatementAsync(tree, ModelSigningKit.Statement([("a.bin", ModelSigningKit.Sha256("a")), (name, ModelSigningKit.Sha256("x"))]));

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
        Assert.Contains("$.predicate.resources[1].name", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_resources_than_the_limit_are_refused_before_any_is_read()
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");
        var many = Enumerable.Range(0, 2000).Select(i => ($"f{i}.bin", ModelSigningKit.Sha256(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var check = await CheckStatementAsync(tree, ModelSigningKit.Statement(many), new ModelSigningLimits { MaxResources = 1000 });

        Assert.Equal(ModelSignatureStatus.Invalid, check.Status);
        Assert.Contains("2000 resources, more than the 1000 accepted", check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tensors", "unsupported serialization 'tensors'")]
    [InlineData("digest", "unsupported serialization 'digest'")]
    public async Task An_unknown_serialization_method_cannot_be_checked(string method, string expected)
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");

        var check = await CheckStatementAsync(tree, ModelSigningKit.Statement([("a.bin", ModelSigningKit.Sha256("a"))], method));

        Assert.Equal(ModelSignatureStatus.Unverifiable, check.Status);
        Assert.Contains(expected, check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_hash_cannot_be_checked()
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");
        var statement = Encoding.UTF8.GetString(ModelSigningKit.Statement([("a.bin", ModelSigningKit.Sha256("a"))])).Replace("\"hash_type\":\"sha256\"", "\"hash_type\":\"blake3\"", StringComparison.Ordinal);

        var check = await CheckStatementAsync(tree, Encoding.UTF8.GetBytes(statement));

        Assert.Equal(ModelSignatureStatus.Unverifiable, check.Status);
        Assert.Contains("unsupported hash 'blake3'", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_predicate_is_not_a_model_signature()
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");
        var statement = Encoding.UTF8.GetString(ModelSigningKit.Statement([("a.bin", ModelSigningKit.Sha256("a"))])).Replace(ModelSigningFormat.PredicateType, "https://slsa.dev/provenance/v1", StringComparison.Ordinal);

        var check = await CheckStatementAsync(tree, Encoding.UTF8.GetBytes(statement));

        Assert.Equal(ModelSignatureStatus.Unverifiable, check.Status);
        Assert.Contains("https://slsa.dev/provenance/v1", check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"allow_symlinks\":false", "\"allow_symlinks\":\"false\"", "$.predicate.serialization.allow_symlinks: expected a boolean, found a string")]
    [InlineData("\"_type\":\"https://in-toto.io/Statement/v1\"", "\"_type\":\"https://in-toto.io/Statement/v0.1\"", "$._type: expected https://in-toto.io/Statement/v1")]
    [InlineData("\"subject\":[", "\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\"00\"}},", "$.subject: expected exactly one subject")]
    [InlineData("\"resources\":[", "\"resources\":{\"x\":[", "$.predicate.resources: expected an array")]
    public async Task A_statement_with_wrong_types_is_invalid_at_its_json_path(string find, string replace, string expected)
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");
        var statement = Encoding.UTF8.GetString(ModelSigningKit.Statement([("a.bin", ModelSigningKit.Sha256("a"))]));
        Assert.Contains(find, statement, StringComparison.Ordinal);
        statement = statement.Replace(find, replace, StringComparison.Ordinal);
        if (replace.EndsWith("{\"x\":[", StringComparison.Ordinal))
            statement = statement.Replace("]}}", "]}}}", StringComparison.Ordinal);

        var check = await CheckStatementAsync(tree, Encoding.UTF8.GetBytes(statement));

        Assert.NotEqual(ModelSignatureStatus.Verified, check.Status);
        Assert.Contains(expected, check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_signing_0_2_statement_lists_files_as_subjects()
    {
        using var tree = new TempTree();
        tree.Write("model/a.bin", "a");
        tree.Write("model/d/b.bin", "b");
        var statement = $$$"""
            {"_type":"https://in-toto.io/Statement/v1","predicateType":"https://model_signing/Digests/v0.1","predicate":{},
             "subject":[{"name":"a.bin","digest":{"sha256":"{{{ModelSigningKit.Sha256("a")}}}"}},{"name":"d/b.bin","digest":{"sha256":"{{{ModelSigningKit.Sha256("b")}}}"}}]}
            """;

        var check = await CheckStatementAsync(tree, Encoding.UTF8.GetBytes(statement));

        Assert.True(check.Passed, check.Problem);
        Assert.Equal(ModelSigningFormat.CompatPredicateType, check.Statement!.PredicateType);
    }

    [Theory]
    [InlineData("model.bin:0:4", true)]
    [InlineData("a:b:0:10", true)]
    [InlineData("model.bin:4", false)]
    [InlineData("model.bin:x:4", false)]
    [InlineData("model.bin:5:4", false)]
    [InlineData("model.bin:-1:4", false)]
    [InlineData(":0:4", false)]
    public void Shard_names_are_path_start_end(string name, bool valid) =>
        Assert.Equal(valid, ShardName.TryParse(name, out _));
}
