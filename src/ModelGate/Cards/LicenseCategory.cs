namespace ModelGate.Cards;

/// <summary>What a licence allows a product to do with a model, coarsely; names as in <see cref="LicenseCatalog.CategoryName"/>.</summary>
internal enum LicenseCategory
{
    Permissive,
    WeakCopyleft,
    StrongCopyleft,
    NetworkCopyleft,
    NonCommercial,
    NonCommercialResearch,
    NoDerivatives,
    UseRestricted,
    Other,
    Unknown,
}
