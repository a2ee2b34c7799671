using ModelGate.Formats.CycloneDx;

namespace ModelGate.Formats.Tests.CycloneDx;

/// <summary>Cases from the facts of the purl-spec test suite (test-suite-data.json) and its PURL-TYPES rules.</summary>
public sealed class PackageUrlTests
{
    [Theory]
    [InlineData("pkg:pypi/Django_package@1.11.1.dev1", "pypi", null, "django-package", "1.11.1.dev1", "pkg:pypi/django-package@1.11.1.dev1")]
    [InlineData("pkg:PYPI/Django_package@1.11.1.dev1", "pypi", null, "django-package", "1.11.1.dev1", "pkg:pypi/django-package@1.11.1.dev1")]
    [InlineData("pkg:pypi/requests@2.28.2", "pypi", null, "requests", "2.28.2", "pkg:pypi/requests@2.28.2")]
    [InlineData("pkg:pypi/torch@2.0.0%2Bcpu", "pypi", null, "torch", "2.0.0+cpu", "pkg:pypi/torch@2.0.0%2Bcpu")]
    [InlineData("pkg:pypi/zope.interface", "pypi", null, "zope-interface", null, "pkg:pypi/zope-interface")]
    [InlineData("pkg:huggingface/distilbert-base-uncased@043235d6088ecd3dd5fb5ca3592b6913fd516027", "huggingface", null, "distilbert-base-uncased", "043235d6088ecd3dd5fb5ca3592b6913fd516027", "pkg:huggingface/distilbert-base-uncased@043235d6088ecd3dd5fb5ca3592b6913fd516027")]
    [InlineData("pkg:huggingface/EleutherAI/gpt-neo-1.3B@797174552AE47F449AB70B684CABCB6603E5E85E", "huggingface", "EleutherAI", "gpt-neo-1.3B", "797174552ae47f449ab70b684cabcb6603e5e85e", "pkg:huggingface/EleutherAI/gpt-neo-1.3B@797174552ae47f449ab70b684cabcb6603e5e85e")]
    [InlineData("pkg:github/Package-url/purl-Spec@244fd47e07d1004f0aed9c", "github", "package-url", "purl-spec", "244fd47e07d1004f0aed9c", "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c")]
    [InlineData("pkg:maven/org.apache.commons/io@1.3.4", "maven", "org.apache.commons", "io", "1.3.4", "pkg:maven/org.apache.commons/io@1.3.4")]
    [InlineData("pkg:///maven/org.apache.commons/io", "maven", "org.apache.commons", "io", null, "pkg:maven/org.apache.commons/io")]
    [InlineData("pkg:npm/%40angular/animation@12.3.1", "npm", "@angular", "animation", "12.3.1", "pkg:npm/%40angular/animation@12.3.1")]
    [InlineData("pkg:nuget/EnterpriseLibrary.Common@6.0.1304", "nuget", null, "EnterpriseLibrary.Common", "6.0.1304", "pkg:nuget/EnterpriseLibrary.Common@6.0.1304")]
    [InlineData("pkg:golang/google.golang.org/genproto#/googleapis/api/annotations/", "golang", "google.golang.org", "genproto", null, "pkg:golang/google.golang.org/genproto#googleapis/api/annotations")]
    public void Parses_and_normalizes_as_the_spec_says(string text, string type, string? ns, string name, string? version, string canonical)
    {
        Assert.True(PackageUrl.TryParse(text, out var purl, out var error), error);

        Assert.Equal(type, purl.Type);
        Assert.Equal(ns, purl.Namespace);
        Assert.Equal(name, purl.Name);
        Assert.Equal(version, purl.Version);
        Assert.Equal(canonical, purl.ToString());
    }

    [Fact]
    public void Qualifiers_are_lowercased_sorted_and_empty_ones_dropped()
    {
        Assert.True(PackageUrl.TryParse("pkg:deb/debian/curl@7.50.3-1?Distro=jessie&arch=i386&empty=", out var purl, out _));

        Assert.Equal(["arch", "distro"], purl.Qualifiers.Select(q => q.Key));
        Assert.Equal("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", purl.ToString());
    }

    [Fact]
    public void A_qualifier_value_keeps_its_url()
    {
        Assert.True(PackageUrl.TryParse("pkg:huggingface/microsoft/deberta-v3-base@559062ad13d311b87b2c455e67dcd5f1c8f65111?repository_url=https://hub-ci.huggingface.co", out var purl, out _));

        Assert.Equal("https://hub-ci.huggingface.co", Assert.Single(purl.Qualifiers).Value);
        Assert.Equal("pkg:huggingface/microsoft/deberta-v3-base@559062ad13d311b87b2c455e67dcd5f1c8f65111?repository_url=https://hub-ci.huggingface.co", purl.ToString());
    }

    [Theory]
    [InlineData("EnterpriseLibrary.Common@6.0.1304", "starts with 'pkg:'")]
    [InlineData("pkg:maven@1.3.4", "no name")]
    [InlineData("pkg:/name", "no name")]
    [InlineData("pkg:3type/name", "not valid")]
    [InlineData("pkg:ty pe/name", "not valid")]
    [InlineData("pkg:pypi/", "no name")]
    [InlineData("pkg:pypi/a?=b", "no key=value")]
    [InlineData("pkg:pypi/a?k=1&k=2", "twice")]
    [InlineData("", "empty")]
    public void Rejects_what_is_not_a_purl(string text, string reason)
    {
        Assert.False(PackageUrl.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_purl_is_refused_without_work()
    {
        Assert.False(PackageUrl.TryParse("pkg:pypi/" + new string('a', PackageUrl.MaxLength), out _, out var error));
        Assert.Contains("longer than", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Flask_SQLAlchemy", "1.0", "pkg:pypi/flask-sqlalchemy@1.0")]
    [InlineData("ruamel.yaml", "0.17.21", "pkg:pypi/ruamel-yaml@0.17.21")]
    [InlineData("torch", "1.13.0+cu117", "pkg:pypi/torch@1.13.0%2Bcu117")]
    public void PyPI_purls_are_built_in_canonical_form(string name, string version, string expected)
    {
        Assert.Equal(expected, PackageUrl.PyPI(name, version).ToString());
    }
}
