namespace ModelGate.Cards;

/// <summary>One licence of the catalogue.</summary>
/// <param name="Id">The Hugging Face licence id (lower case), e.g. <c>apache-2.0</c>, <c>llama3.1</c>.</param>
/// <param name="SpdxId">The SPDX identifier, or null when SPDX lists none.</param>
internal sealed record LicenseInfo(string Id, string? SpdxId, string Name, LicenseCategory Category, IReadOnlyList<LicenseDuty> Duties, IReadOnlyList<string> Aliases)
{
    public bool Has(LicenseDuty duty) => Duties.Contains(duty);

    /// <summary>The category's name in reports: permissive, weak-copyleft, ..., unknown.</summary>
    public string CategoryName => LicenseCatalog.CategoryName(Category);
}
