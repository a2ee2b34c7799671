using System.Globalization;
using System.Text;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>DSSE pre-authentication encoding (secure-systems-lab/dsse protocol.md v1.0.0): what is actually signed.</summary>
internal static class Dsse
{
    /// <summary><c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, lengths as ASCII decimal byte counts.</summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} {payloadType} {payload.Length} "));
        var result = new byte[header.Length + payload.Length];
        header.CopyTo(result, 0);
        payload.CopyTo(result.AsSpan(header.Length));
        return result;
    }

    /// <summary>
    /// What model_signing 0.2 signed by mistake (<c>sign_sigstore_pb.pae_compat</c>, which its verifiers still
    /// accept): "DSSEV1" with a capital V and the payload as Python's <c>repr()</c> of the bytes (<c>b'...'</c>).
    /// </summary>
    public static byte[] PaeCompat(string payloadType, ReadOnlySpan<byte> payload) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEV1 {Encoding.UTF8.GetByteCount(payloadType)} {payloadType} {payload.Length} {PythonBytesRepr(payload)}"));

    /// <summary>CPython's <c>bytes.__repr__</c>: single quotes unless the bytes hold ' and no ".</summary>
    internal static string PythonBytesRepr(ReadOnlySpan<byte> bytes)
    {
        var quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        var text = new StringBuilder(bytes.Length + 3).Append('b').Append(quote);
        foreach (var b in bytes)
        {
            if (b == quote || b == '\\')
                text.Append('\\').Append((char)b);
            else if (b == '\t')
                text.Append("\\t");
            else if (b == '\n')
                text.Append("\\n");
            else if (b == '\r')
                text.Append("\\r");
            else if (b < 0x20 || b >= 0x7f)
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            else
                text.Append((char)b);
        }
        return text.Append(quote).ToString();
    }
}
