using ModelGate.Formats.Conda;

namespace ModelGate.Formats.Tests.Conda;

public sealed class MatchSpecTests
{
    [Theory]
    // name, channel, version spec, build, exact version
    [InlineData("numpy", "numpy", null, null, null, null)]
    [InlineData("NumPy", "NumPy", null, null, null, null)]
    [InlineData("numpy=1.19.5", "numpy", null, "=1.19.5", null, null)]
    [InlineData("numpy==1.19.5", "numpy", null, "==1.19.5", null, "1.19.5")]
    [InlineData("numpy=1.19", "numpy", null, "=1.19", null, null)]
    [InlineData("numpy=1.19.*", "numpy", null, "=1.19.*", null, null)]
    [InlineData("numpy>=1.19,<1.20", "numpy", null, ">=1.19,<1.20", null, null)]
    [InlineData("numpy >=1.19, <1.20", "numpy", null, ">=1.19,<1.20", null, null)]
    [InlineData("numpy 1.19.5", "numpy", null, "1.19.5", null, "1.19.5")]
    [InlineData("numpy 1.19.5 py38h_0", "numpy", null, "1.19.5", "py38h_0", "1.19.5")]
    [InlineData("numpy=1.19.5=py38h_0", "numpy", null, "=1.19.5", "py38h_0", "1.19.5")]
    [InlineData("numpy 1.19|1.20", "numpy", null, "1.19|1.20", null, null)]
    [InlineData("conda-forge::numpy=1.19.5", "numpy", "conda-forge", "=1.19.5", null, null)]
    [InlineData("conda-forge/linux-64::numpy==1.19.5", "numpy", "conda-forge/linux-64", "==1.19.5", null, "1.19.5")]
    [InlineData("numpy[version='>=1.19']", "numpy", null, ">=1.19", null, null)]
    [InlineData("numpy[version='1.19.5', build=py38h_0]", "numpy", null, "1.19.5", "py38h_0", "1.19.5")]
    [InlineData("python=3.8", "python", null, "=3.8", null, null)]
    [InlineData("python >= 3.8", "python", null, ">=3.8", null, null)]
    [InlineData("pip", "pip", null, null, null, null)]
    [InlineData("libgcc-ng  # the runtime", "libgcc-ng", null, null, null, null)]
    public void Parses_conda_match_specs(string text, string name, string? channel, string? version, string? build, string? exact)
    {
        Assert.True(MatchSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal((name, channel, version, build, exact), (spec.Name, spec.Channel, spec.VersionSpec, spec.Build, spec.ExactVersion));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment")]
    [InlineData("numpy==")]
    [InlineData(">=1.0")]
    [InlineData("num py$=1")]
    [InlineData("numpy[version='1'")]
    public void Rejects_malformed_specs(string text) => Assert.False(MatchSpec.TryParse(text, out _, out _));
}
