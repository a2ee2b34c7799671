namespace ModelGate.Formats.Tests.Support;

/// <summary>Shared hostile-input loops: a reader may refuse bad bytes only with <see cref="MalformedDataException"/>.</summary>
internal static class HostileInput
{
    /// <summary>Reads every proper prefix of <paramref name="bytes"/>; any exception but MalformedDataException fails the test.</summary>
    public static void ReadEveryTruncation(byte[] bytes, Action<byte[]> read)
    {
        for (var length = 0; length < bytes.Length; length++)
        {
            try
            {
                read(bytes[..length]);
            }
            catch (MalformedDataException)
            {
                // expected for most cut points
            }
        }
    }
}
