namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A Sigstore trusted root (protobuf-specs <c>dev.sigstore.trustroot.v1.TrustedRoot</c>): the transparency
/// logs, certificate transparency logs, Fulcio CAs and timestamp authorities, each with its validity period.
/// </summary>
internal sealed record TrustedRoot(
    string MediaType,
    IReadOnlyList<TransparencyLogInstance> Tlogs,
    IReadOnlyList<CertificateAuthority> CertificateAuthorities,
    IReadOnlyList<TransparencyLogInstance> CtLogs,
    IReadOnlyList<CertificateAuthority> TimestampAuthorities)
{
    /// <summary>The transparency logs whose log id is <paramref name="logId"/>.</summary>
    public IEnumerable<TransparencyLogInstance> TlogsById(ReadOnlyMemory<byte> logId) =>
        Tlogs.Where(log => log.LogId.AsSpan().SequenceEqual(logId.Span));

    /// <summary>The CT logs whose log id is <paramref name="logId"/>.</summary>
    public IEnumerable<TransparencyLogInstance> CtLogsById(ReadOnlyMemory<byte> logId) =>
        CtLogs.Where(log => log.LogId.AsSpan().SequenceEqual(logId.Span));
}
