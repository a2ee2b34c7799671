using System.Text;
using ModelGate.Advisories.Database;
using ModelGate.Formats.Osv;
using ModelGate.Formats.Pep508;

namespace ModelGate.Advisories;

/// <summary>
/// <c>modelgate db update</c>: reads an OSV source (a folder, a zip, or a zip downloaded from a URL) and
/// writes it into the local database in one atomic replace.
/// </summary>
internal static class AdvisoryImport
{
    /// <summary>OSV's export of every PyPI advisory.</summary>
    public const string DefaultSourceUrl = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip";

    /// <summary>Largest archive downloaded (bytes); OSV's PyPI export is tens of MiB.</summary>
    private const long MaxDownloadBytes = 1024L * 1024 * 1024;

    public static async Task<ImportResult> ImportAsync(string databasePath, string source, TimeProvider time, HttpClient? http, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var temporary = Path.Combine(Path.GetTempPath(), $"modelgate-osv-{Guid.NewGuid():N}.zip");
            try
            {
                await DownloadAsync(uri, temporary, http, cancellationToken).ConfigureAwait(false);
                return Import(databasePath, temporary, source, time, cancellationToken);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        return Import(databasePath, Path.GetFullPath(source), Path.GetFullPath(source), time, cancellationToken);
    }

    private static ImportResult Import(string databasePath, string path, string description, TimeProvider time, CancellationToken cancellationToken)
    {
        var loaded = OsvFileSource.Load(path, cancellationToken);
        var stored = loaded.Advisories
            .Select(a => new StoredAdvisory(
                a.Id,
                a.Modified,
                a.Affected.Where(e => e.Package is { Ecosystem: AdvisoryIndex.PyPIEcosystem })
                    .Select(e => PackageName.Normalize(e.Package!.Name))
                    .Distinct(StringComparer.Ordinal)
                    .ToList(),
                Encoding.UTF8.GetString(OsvJsonWriter.ToUtf8Bytes(a))))
            .Where(s => s.PackageNames.Count > 0);
        var status = AdvisoryDatabaseWriter.Import(databasePath, description, stored, time);
        return new ImportResult(status, loaded.Warnings);
    }

    private static async Task DownloadAsync(Uri uri, string destination, HttpClient? http, CancellationToken cancellationToken)
    {
        var ownClient = http is null;
        http ??= new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new AdvisorySourceException($"downloading {uri} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var file = File.Create(destination);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > MaxDownloadBytes)
                    throw new AdvisorySourceException($"downloading {uri} stopped: more than {MaxDownloadBytes} bytes");
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new AdvisorySourceException($"downloading {uri} failed: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdvisorySourceException($"downloading {uri} timed out", ex);
        }
        finally
        {
            if (ownClient)
                http.Dispose();
        }
    }
}

/// <summary>The new database's status and the advisory files that were skipped.</summary>
internal sealed record ImportResult(DatabaseStatus Status, IReadOnlyList<string> Warnings);
