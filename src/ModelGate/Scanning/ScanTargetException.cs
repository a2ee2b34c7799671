namespace ModelGate.Scanning;

/// <summary>The target itself is unusable (does not exist, not a file or folder): a usage error, exit 2.</summary>
public sealed class ScanTargetException(string message) : Exception(message);
