using System.Text;

namespace ModelGate.Formats.Archives;

/// <summary>Zip name decoding: UTF-8 when general-purpose bit 11 is set, else IBM code page 437 (APPNOTE.TXT appendix D), as Python's zipfile does.</summary>
internal static class ZipNames
{
    private const ushort Utf8Flag = 1 << 11;

    private static readonly Encoding Cp437 = CodePagesEncodingProvider.Instance.GetEncoding(437)
        ?? throw new InvalidOperationException("code page 437 is not available");

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(ReadOnlySpan<byte> name, ushort flags) =>
        (flags & Utf8Flag) != 0 ? Utf8.GetString(name) : Cp437.GetString(name);
}
