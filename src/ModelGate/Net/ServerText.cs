using System.Text;

namespace ModelGate.Net;

/// <summary>
/// Text a server sent (error bodies, reason phrases, ids), made safe to repeat in a message: control characters
/// (terminal escape sequences included) replaced, length capped. A hostile server must not be able to rewrite the
/// user's terminal or flood a CI log through ModelGate's messages.
/// </summary>
internal static class ServerText
{
    public static string Quote(string text, int maxShown)
    {
        var shown = text.Length > maxShown ? text[..maxShown] + "..." : text;
        return string.Create(shown.Length, shown, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
    }

    /// <summary>The first <paramref name="maxBytes"/> of an error body, trimmed; null when it is empty or cannot be read.</summary>
    public static async Task<string?> PreviewAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[maxBytes];
                var total = 0;
                int read;
                while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                    total += read;
                var text = Encoding.UTF8.GetString(buffer, 0, total).Trim();
                return text.Length == 0 ? null : text;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return null;
        }
    }
}
