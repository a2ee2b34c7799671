namespace ModelGate.Signatures.Tuf;

/// <summary>A top-level role in root.json: the key ids allowed to sign it and how many distinct ones must (§4.3 "ROLE").</summary>
internal sealed record TufRole(IReadOnlyList<string> KeyIds, long Threshold);
