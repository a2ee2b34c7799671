namespace ModelGate.Cards;

/// <summary>A condition a licence puts on using or sharing the model (licenses.tsv explains each).</summary>
internal enum LicenseDuty
{
    Attribution,
    ShareAlike,
    SourceDisclosure,
    NetworkUse,
    NonCommercial,
    ResearchOnly,
    NoDerivatives,
    UserThreshold,
    AcceptableUse,
    FieldOfUse,
    PassThrough,
    Naming,
}
