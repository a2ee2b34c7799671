namespace ModelGate.Formats.Archives;

/// <summary>Adler-32 (RFC 1950 section 8.2): two sums modulo 65521, the zlib stream's trailer.</summary>
internal static class Adler32
{
    private const uint Modulus = 65521;

    public static uint Append(uint adler, ReadOnlySpan<byte> data)
    {
        uint a = adler & 0xFFFF, b = adler >> 16;
        while (!data.IsEmpty)
        {
            // 5552 is the largest run for which b cannot overflow 32 bits before the modulo (zlib adler32.c NMAX).
            var run = data[..Math.Min(5552, data.Length)];
            foreach (var x in run)
            {
                a += x;
                b += a;
            }
            a %= Modulus;
            b %= Modulus;
            data = data[run.Length..];
        }
        return (b << 16) | a;
    }
}
