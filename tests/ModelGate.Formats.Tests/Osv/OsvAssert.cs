using ModelGate.Formats.Osv;

namespace ModelGate.Formats.Tests.Osv;

/// <summary>Deep equality of OSV models: the records hold lists, which record equality compares by reference.</summary>
internal static class OsvAssert
{
    public static void Equal(OsvAdvisory expected, OsvAdvisory actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Modified, actual.Modified);
        Assert.Equal(expected.Published, actual.Published);
        Assert.Equal(expected.Withdrawn, actual.Withdrawn);
        Assert.Equal(expected.Aliases, actual.Aliases);
        Assert.Equal(expected.Related, actual.Related);
        Assert.Equal(expected.Summary, actual.Summary);
        Assert.Equal(expected.Details, actual.Details);
        Assert.Equal(expected.Severity, actual.Severity);
        Assert.Equal(expected.References, actual.References);
        Assert.Equal(expected.DatabaseSeverity, actual.DatabaseSeverity);
        Assert.Equal(expected.Affected.Count, actual.Affected.Count);
        for (var i = 0; i < expected.Affected.Count; i++)
        {
            var e = expected.Affected[i];
            var a = actual.Affected[i];
            Assert.Equal(e.Package, a.Package);
            Assert.Equal(e.Versions, a.Versions);
            Assert.Equal(e.Severity, a.Severity);
            Assert.Equal(e.DatabaseSeverity, a.DatabaseSeverity);
            Assert.Equal(e.Ranges.Count, a.Ranges.Count);
            for (var j = 0; j < e.Ranges.Count; j++)
            {
                Assert.Equal(e.Ranges[j].Type, a.Ranges[j].Type);
                Assert.Equal(e.Ranges[j].Repo, a.Ranges[j].Repo);
                Assert.Equal(e.Ranges[j].Events, a.Ranges[j].Events);
            }
        }
    }
}
