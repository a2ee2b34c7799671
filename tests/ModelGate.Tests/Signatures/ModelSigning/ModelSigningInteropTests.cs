using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ModelGate.Signatures.ModelSigning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Signatures.ModelSigning;

/// <summary>
/// Interoperability with the reference implementation (sigstore/model-transparency): its own signatures verify
/// here, and what is signed here has the shape and the bytes its verifier checks (testdata/README.md says where
/// each fixture comes from).
/// </summary>
public sealed class ModelSigningInteropTests
{
    private static ModelSigningTrust ReferenceKey()
    {
        var key = EcKeys.LoadPublicKey(File.ReadAllBytes(ModelSigningKit.Testdata("reference-signing-key-pub.pem")), "reference-signing-key-pub.pem");
        return ModelSigningKit.Trust(key, "reference-signing-key-pub.pem");
    }

    [Fact]
    public async Task A_signature_written_by_model_signing_1_1_verifies()
    {
        var model = ModelSigningKit.Testdata("reference-v1.1.0-elliptic-key");

        var check = await ModelSigningKit.CheckAsync(model, ReferenceKey());

        Assert.True(check.Passed, check.Problem);
        Assert.Equal(["signme-1", "signme-2"], check.Statement!.Resources.Select(r => r.Name));
        Assert.Contains("ignore-me", check.Statement.Serialization.IgnorePaths);
    }

    [Fact]
    public async Task A_single_file_signature_written_by_model_signing_1_0_verifies_without_a_key_hint()
    {
        var file = ModelSigningKit.Testdata(Path.Combine("reference-v1.0.0-elliptic-key", "signme-1"));

        var check = await ModelSigningKit.CheckAsync(file, ReferenceKey(), file + ".sig");

        Assert.True(check.Passed, check.Problem);
        Assert.Contains(check.Warnings, w => w.Contains("predates key hints", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reference_signed_model_with_a_changed_file_fails()
    {
        using var tree = new TempTree();
        var model = ModelSigningKit.CopyFixture(tree, "reference-v1.1.0-elliptic-key");
        tree.Write("reference-v1.1.0-elliptic-key/signme-1", "signme-1 changed\n");

        var check = await ModelSigningKit.CheckAsync(model, ReferenceKey());

        Assert.Equal(ModelSignatureStatus.Verified, check.Status);
        Assert.Equal(("signme-1", DifferenceKind.Changed), Assert.Single(check.Differences.Select(d => (d.Path, d.Kind))));
    }

    [Fact]
    public async Task A_keyless_sigstore_signature_written_by_model_signing_1_1_verifies_for_its_identity()
    {
        // Only signme-2 of that model could be recreated from its digest, so signme-1 is reported missing: the
        // signature itself (Fulcio chain, Rekor entry, timestamp, identity) verifies.
        var trust = new ModelSigningTrust
        {
            Identities = [new SigstoreIdentity("stefanb@us.ibm.com", "https://sigstore.verify.ibm.com/oauth2")],
            TrustedRootPath = ModelSigningKit.ProductionTrustedRoot(),
        };

        var check = await ModelSigningKit.CheckAsync(ModelSigningKit.Testdata("reference-v1.1.0-sigstore"), trust);

        Assert.Equal(ModelSignatureStatus.Verified, check.Status);
        Assert.Contains("stefanb@us.ibm.com", check.Signer, StringComparison.Ordinal);
        Assert.Equal(("signme-1", DifferenceKind.Missing), Assert.Single(check.Differences.Select(d => (d.Path, d.Kind))));
    }

    [Fact]
    public async Task A_keyless_signature_by_another_identity_is_untrusted()
    {
        var trust = new ModelSigningTrust
        {
            Identities = [new SigstoreIdentity("someone@example.com", "https://sigstore.verify.ibm.com/oauth2")],
            TrustedRootPath = ModelSigningKit.ProductionTrustedRoot(),
        };

        var check = await ModelSigningKit.CheckAsync(ModelSigningKit.Testdata("reference-v1.1.0-sigstore"), trust);

        Assert.Equal(ModelSignatureStatus.Untrusted, check.Status);
        Assert.Contains("someone@example.com", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyless_signature_checked_with_a_key_is_untrusted_not_invalid()
    {
        var check = await ModelSigningKit.CheckAsync(ModelSigningKit.Testdata("reference-v1.1.0-sigstore"), ReferenceKey());

        Assert.Equal(ModelSignatureStatus.Untrusted, check.Status);
    }

    [Fact]
    public void The_key_hint_is_the_sha256_of_the_pem_the_reference_computes()
    {
        // The reference's v1.1.0 bundle records e8450dec… for this key.
        using var key = EcKeys.LoadPublicKey(File.ReadAllBytes(ModelSigningKit.Testdata("reference-signing-key-pub.pem")), "key");
        var bundle = JsonNode.Parse(File.ReadAllText(ModelSigningKit.Testdata(Path.Combine("reference-v1.1.0-elliptic-key", "model.sig"))))!;

        Assert.Equal(bundle["verificationMaterial"]!["publicKey"]!["hint"]!.GetValue<string>(), EcKeys.Hint(key));
        Assert.Equal(File.ReadAllText(ModelSigningKit.Testdata("reference-signing-key-pub.pem")), EcKeys.PublicPem(key));
    }

    [Theory]
    [InlineData("reference-style-files")]
    [InlineData("reference-style-shards")]
    public async Task Signatures_built_from_the_format_facts_verify(string fixture)
    {
        var key = EcKeys.LoadPublicKey(File.ReadAllBytes(ModelSigningKit.Testdata("fixture-key.pub.pem")), "fixture-key.pub.pem");

        var check = await ModelSigningKit.CheckAsync(ModelSigningKit.Testdata(fixture), ModelSigningKit.Trust(key));

        Assert.True(check.Passed, check.Problem);
    }

    [Fact]
    public async Task A_changed_shard_names_its_file()
    {
        using var tree = new TempTree();
        var model = ModelSigningKit.CopyFixture(tree, "reference-style-shards");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(model, "model.bin"));
        bytes[9] ^= 0xff;
        await File.WriteAllBytesAsync(Path.Combine(model, "model.bin"), bytes);
        var key = EcKeys.LoadPublicKey(File.ReadAllBytes(ModelSigningKit.Testdata("fixture-key.pub.pem")), "fixture-key.pub.pem");

        var check = await ModelSigningKit.CheckAsync(model, ModelSigningKit.Trust(key));

        var difference = Assert.Single(check.Differences);
        Assert.Equal(("model.bin", DifferenceKind.Changed, "3 shards"), (difference.Path, difference.Kind, difference.Expected));
    }

    [Fact]
    public async Task The_statement_written_here_is_byte_for_byte_the_one_the_fixture_script_wrote()
    {
        // The script prints the statement as json.dumps(indent=2), which is how protobuf's MessageToJson lays it
        // out; it sorts resources as the reference's manifest does (a-b.txt before tokenizer/…, empty files kept).
        var model = ModelSigningKit.Testdata("reference-style-files");
        var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "model.sig")))!;
        var expected = Convert.FromBase64String(bundle["dsseEnvelope"]!["payload"]!.GetValue<string>());
        var statement = ModelSignatureReader.ParseStatement(expected, "model.sig", ModelSigningLimits.Default);

        var manifest = await ModelManifestBuilder.BuildAsync(model, statement.Serialization, ModelSigningFormat.GitPaths, null, ModelSigningLimits.Default, CancellationToken.None);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(ModelSignatureWriter.Statement(manifest)));
    }

    [Fact]
    public async Task A_bundle_written_here_has_the_reference_key_mode_shape()
    {
        using var tree = new TempTree();
        using var key = ModelSigningKit.NewKey("P-384");
        var model = ModelSigningKit.WriteModel(tree);
        var signature = await ModelSigningKit.SignAsync(model, key, tree);
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(signature))!.AsObject();

        Assert.Equal(["mediaType", "verificationMaterial", "dsseEnvelope"], bundle.Select(p => p.Key));
        Assert.Equal("application/vnd.dev.sigstore.bundle.v0.3+json", bundle["mediaType"]!.GetValue<string>());
        Assert.Equal(EcKeys.Hint(key), bundle["verificationMaterial"]!["publicKey"]!["hint"]!.GetValue<string>());
        Assert.Empty(bundle["verificationMaterial"]!["tlogEntries"]!.AsArray());
        var envelope = bundle["dsseEnvelope"]!;
        Assert.Equal("application/vnd.in-toto+json", envelope["payloadType"]!.GetValue<string>());
        var payload = Convert.FromBase64String(envelope["payload"]!.GetValue<string>());
        var sig = Convert.FromBase64String(Assert.Single(envelope["signatures"]!.AsArray())!["sig"]!.GetValue<string>());
        // ECDSA P-384 with SHA-384 over the PAE, DER-encoded, as Python cryptography's ec.ECDSA produces.
        Assert.True(key.VerifyData(Dsse.Pae("application/vnd.in-toto+json", payload), sig, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence));
        Assert.StartsWith("{\n  \"_type\": \"https://in-toto.io/Statement/v1\",\n  \"subject\": [", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pae_is_the_dsse_v1_encoding()
    {
        // secure-systems-lab/dsse protocol.md: PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body.
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(Dsse.Pae("http://example.com/HelloWorld", "hello world"u8)));
    }

    [Theory]
    [InlineData("ab", "b'ab'")]
    [InlineData("it's", "b\"it's\"")]
    [InlineData("it's \"x\"", "b'it\\'s \"x\"'")]
    [InlineData("a\nb\tc\\", "b'a\\nb\\tc\\\\'")]
    [InlineData("\u0001", "b'\\x01'")]
    public void The_compat_pae_reproduces_python_bytes_repr(string text, string expected) =>
        Assert.Equal(expected, Dsse.PythonBytesRepr(Encoding.Latin1.GetBytes(text)));

    [Fact]
    public void Resources_sort_by_path_component_as_pathlib_does()
    {
        var names = new[] { "a/b", "a-c", "a", "B", "a/b/c", "ä" };
        var sorted = names.Select(n => new ManifestResource(n, "sha256", "")).Order(new ResourceOrder(false)).Select(r => r.Name);
        Assert.Equal(["B", "a", "a/b", "a/b/c", "a-c", "ä"], sorted);
    }
}
