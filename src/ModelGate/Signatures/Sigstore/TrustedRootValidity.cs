namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// The trusted root's <c>TimeRange</c>: a closed interval (conformance cases trust-root-*-validity-end-inclusive).
/// The reader refuses a range without a start, so a null start here only comes from code, and is not "always".
/// </summary>
internal static class TrustedRootValidity
{
    public static bool Covers(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset time) =>
        start is { } from && from <= time && (end is not { } to || time <= to);
}
