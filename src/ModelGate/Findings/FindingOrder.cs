namespace ModelGate.Findings;

/// <summary>The one order findings are reported in: path, line, rule, subject. Writers never re-sort.</summary>
internal sealed class FindingOrder : IComparer<Finding>
{
    public static readonly FindingOrder Instance = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var c = string.CompareOrdinal(x.Location?.Path, y.Location?.Path);
        if (c != 0)
            return c;
        c = Nullable.Compare(x.Location?.Line, y.Location?.Line);
        if (c != 0)
            return c;
        c = Nullable.Compare(x.Location?.Offset, y.Location?.Offset);
        if (c != 0)
            return c;
        c = string.CompareOrdinal(x.Rule.Id, y.Rule.Id);
        if (c != 0)
            return c;
        c = string.CompareOrdinal(x.Package ?? x.Artifact, y.Package ?? y.Artifact);
        if (c != 0)
            return c;
        c = string.CompareOrdinal(x.Discriminator, y.Discriminator);
        return c != 0 ? c : string.CompareOrdinal(x.Message, y.Message);
    }
}
