using System.Security.Cryptography;
using System.Text.Json;

namespace ModelGate.Cli.Tests;

public sealed class ModelSigningCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "modelgate-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly string _model;
    private readonly string _key;
    private readonly string _publicKey;

    public ModelSigningCommandTests()
    {
        _model = Path.Combine(_dir, "model");
        Directory.CreateDirectory(Path.Combine(_model, "weights"));
        File.WriteAllText(Path.Combine(_model, "config.json"), "{\"model_type\": \"bert\"}\n");
        File.WriteAllBytes(Path.Combine(_model, "weights", "model.safetensors"), [1, 2, 3, 4]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        _key = Path.Combine(_dir, "key.pem");
        _publicKey = Path.Combine(_dir, "key.pub.pem");
        File.WriteAllText(_key, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(_publicKey, key.ExportSubjectPublicKeyInfoPem());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_signed_model_verifies_with_exit_code_0()
    {
        var (signCode, signOut, _) = await CliRunner.RunAsync("model-signing", "sign", _model, "--private-key", _key);
        Assert.Equal(0, signCode);
        Assert.Contains("Signed 2 file(s)", signOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_model, "model.sig")));

        var (code, stdout, stderr) = await CliRunner.RunAsync("model-signing", "verify", _model, "--public-key", _publicKey, "--format", "json");

        Assert.Equal(0, code);
        Assert.Contains("Verified:", stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(stdout);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("MG3010", finding.GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task A_changed_file_fails_with_exit_code_1_and_names_the_file()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("model-signing", "sign", _model, "--private-key", _key)).ExitCode);
        File.WriteAllBytes(Path.Combine(_model, "weights", "model.safetensors"), [9, 9, 9]);

        var (code, stdout, _) = await CliRunner.RunAsync("model-signing", "verify", _model, "--public-key", _publicKey, "--format", "json");

        Assert.Equal(1, code);
        using var report = JsonDocument.Parse(stdout);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "MG3012");
        Assert.EndsWith("weights/model.safetensors", finding.GetProperty("location").GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_by_another_key_fails_with_exit_code_1()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("model-signing", "sign", _model, "--private-key", _key)).ExitCode);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherPublic = Path.Combine(_dir, "other.pub.pem");
        File.WriteAllText(otherPublic, other.ExportSubjectPublicKeyInfoPem());

        var (code, stdout, _) = await CliRunner.RunAsync("model-signing", "verify", _model, "--public-key", otherPublic);

        Assert.Equal(1, code);
        Assert.Contains("MG3015", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--identity", "a@example.com")]
    [InlineData("--public-key", "key.pub.pem", "--identity", "a@example.com", "--issuer", "https://accounts.example.com")]
    [InlineData()]
    public async Task Verify_needs_exactly_one_trust_mode(params string[] options)
    {
        Assert.Equal(0, (await CliRunner.RunAsync("model-signing", "sign", _model, "--private-key", _key)).ExitCode);
        var args = new[] { "model-signing", "verify", _model }.Concat(options.Select(o => o == "key.pub.pem" ? _publicKey : o)).ToArray();

        var (code, _, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("exactly one of --public-key, --certificate-chain, or --identity with --issuer", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_signature_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("model-signing", "verify", _model, "--public-key", _publicKey);

        Assert.Equal(2, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_with_the_signing_key_reports_the_model_verified()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("model-signing", "sign", _model, "--private-key", _key)).ExitCode);

        var advisories = Path.Combine(AppContext.BaseDirectory, "testdata", "advisories");
        var (code, stdout, _) = await CliRunner.RunAsync("scan", _dir, "--db", advisories, "--format", "json", "--signature-key", _publicKey);

        // The four-byte weights file is not a real safetensors file, so the artifact scan fails the gate (exit 1).
        Assert.Equal(1, code);
        using var report = JsonDocument.Parse(stdout);
        var signatureRules = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("ruleId").GetString()!)
            .Where(id => id.StartsWith("MG30", StringComparison.Ordinal) || id.StartsWith("MG301", StringComparison.Ordinal));
        Assert.Equal(["MG3010"], signatureRules);
    }
}
