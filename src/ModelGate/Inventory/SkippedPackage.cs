namespace ModelGate.Inventory;

/// <summary>A declaration left out of the audit, and why (its marker excludes the target environment, it is editable, a VCS or path reference...).</summary>
public sealed record SkippedPackage(InventoryPackage Package, string Reason);
