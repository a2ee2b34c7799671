using ModelGate.Formats.Pyproject;

namespace ModelGate.Formats.Tests.Pyproject;

public sealed class PoetryConstraintTests
{
    [Theory]
    [InlineData("^1.2.3", ">=1.2.3,<2.0.0", null)]
    [InlineData("^1.2", ">=1.2,<2.0", null)]
    [InlineData("^1", ">=1,<2", null)]
    [InlineData("^0.2.3", ">=0.2.3,<0.3.0", null)]
    [InlineData("^0.0.3", ">=0.0.3,<0.0.4", null)]
    [InlineData("^0.0", ">=0.0,<0.1", null)]
    [InlineData("^0", ">=0,<1", null)]
    [InlineData("^0.10.11.post1", ">=0.10.11.post1,<0.11.0", null)]
    [InlineData("^2.0.0b1", ">=2.0.0b1,<3.0.0", null)]
    [InlineData("~1.2.3", ">=1.2.3,<1.3.0", null)]
    [InlineData("~1.2", ">=1.2,<1.3", null)]
    [InlineData("~1", ">=1,<2", null)]
    [InlineData("~=1.4.2", "~=1.4.2", null)]
    [InlineData("1.2.3", "==1.2.3", "1.2.3")]
    [InlineData("==1.2.3", "==1.2.3", "1.2.3")]
    [InlineData("=1.2.3", "==1.2.3", "1.2.3")]
    [InlineData("===1.0+local", "===1.0+local", "1.0+local")]
    [InlineData("1.2.*", "==1.2.*", null)]
    [InlineData("*", "", null)]
    [InlineData("", "", null)]
    [InlineData(">=1.0,<2.0", ">=1.0,<2.0", null)]
    [InlineData(">= 1.0, < 2.0", ">=1.0,<2.0", null)]
    [InlineData(">=1.2 <1.5", ">=1.2,<1.5", null)]
    [InlineData("!=1.2.3", "!=1.2.3", null)]
    [InlineData(">1 , !=1.5", ">1,!=1.5", null)]
    public void Translates_poetry_constraints_to_pep440(string constraint, string specifier, string? version)
    {
        Assert.True(PoetryConstraint.TryConvert(constraint, out var result, out var error), error);
        Assert.Equal(specifier, result.Specifier);
        Assert.Equal(version, result.Version);
        Assert.True(result.IsPep440);
    }

    [Theory]
    [InlineData("^1.2 || ^2.0", "^1.2 || ^2.0")]
    [InlineData(">=1.0,<1.5 |  >=2", ">=1.0,<1.5 | >=2")]
    public void Alternatives_keep_their_text_and_are_not_pep440(string constraint, string kept)
    {
        Assert.True(PoetryConstraint.TryConvert(constraint, out var result, out _));
        Assert.False(result.IsPep440);
        Assert.Equal(kept, result.Specifier);
        Assert.Null(result.Version);
    }

    [Theory]
    [InlineData("^^1")]
    [InlineData("^abc")]
    [InlineData(">=")]
    [InlineData(">=*")]
    [InlineData("1.0 ; python_version")]
    [InlineData("^1 || ^x")]
    [InlineData("<>1")]
    public void Rejects_what_is_not_a_constraint(string constraint)
    {
        Assert.False(PoetryConstraint.TryConvert(constraint, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("^3.8", "python_version >= \"3.8\" and python_version < \"4.0\"")]
    [InlineData(">=3.7,<3.8", "python_version >= \"3.7\" and python_version < \"3.8\"")]
    [InlineData(">=3.8.1", "python_full_version >= \"3.8.1\"")]
    [InlineData("~2.7 || ^3.6", "(python_version >= \"2.7\" and python_version < \"2.8\") or (python_version >= \"3.6\" and python_version < \"4.0\")")]
    [InlineData("*", null)]
    public void Python_condition_becomes_a_marker(string python, string? marker)
    {
        Assert.True(PoetryConstraint.TryConvertPythonToMarker(python, out var result, out var error), error);
        Assert.Equal(marker, result);
    }
}
