using System.Globalization;
using System.Net;

namespace ModelGate.Signatures.Tuf;

/// <summary>
/// Downloads over HTTP with a time limit for the whole exchange and a byte limit enforced while reading (a
/// Content-Length is checked first but never trusted alone: a server may send none, or more than it said).
/// </summary>
internal sealed class TufHttpFetcher(HttpClient client, TimeSpan timeout) : ITufFetcher
{
    public async Task<byte[]?> FetchAsync(Uri uri, long maxLength, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
                return null;
            if (!response.IsSuccessStatusCode)
                throw new TufException(string.Create(CultureInfo.InvariantCulture,
                    $"{what}: {uri} answered HTTP {(int)response.StatusCode} {Net.ServerText.Quote(response.ReasonPhrase ?? "", 80)}"));
            if (response.Content.Headers.ContentLength is { } announced && announced > maxLength)
                throw TooLong(what, uri, maxLength);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, deadline.Token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxLength)
                        throw TooLong(what, uri, maxLength);
                    buffer.Write(chunk, 0, read);
                }
                return buffer.ToArray();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TufException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: no complete answer from {uri} within {timeout.TotalSeconds:0.###} s (timeout)"));
        }
        catch (HttpRequestException e)
        {
            throw new TufException($"{what}: download from {uri} failed: {Net.ServerText.Quote(e.Message, 200)}", e);
        }
        catch (IOException e)
        {
            throw new TufException($"{what}: download from {uri} failed: {Net.ServerText.Quote(e.Message, 200)}", e);
        }
    }

    private static TufException TooLong(string what, Uri uri, long maxLength) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{what}: {uri} sends more than the {maxLength} bytes allowed (size limit)"));
}
