namespace ModelGate.Reporting;

/// <summary>Writes a report in one format. Writers never run analyzers and never re-order findings.</summary>
public interface IReportWriter
{
    /// <summary>The format name users pass to <c>--format</c>, e.g. <c>json</c>.</summary>
    string Format { get; }

    Task WriteAsync(ScanReport report, Stream output, CancellationToken cancellationToken);
}
