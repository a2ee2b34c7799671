using System.Formats.Asn1;
using System.Security.Cryptography.Pkcs;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Takes the timestamp token out of an RFC 3161 §2.4.2 <c>TimeStampResp</c>, which is what a bundle's
/// <c>signedTimestamp</c> holds:
/// <code>
/// TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }
/// PKIStatusInfo ::= SEQUENCE { status PKIStatus, statusString PKIFreeText OPTIONAL, failInfo PKIFailureInfo OPTIONAL }
/// </code>
/// A bare token (a CMS <c>ContentInfo</c>, which starts with an OID rather than a status) is accepted as well.
/// </summary>
internal static class TimestampResponse
{
    /// <summary>A response with its certificate chain is a few kilobytes.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    /// <summary>PKIStatus granted (0) and grantedWithMods (1) carry a token.</summary>
    private const int GrantedWithMods = 1;

    public static Rfc3161TimestampToken ReadToken(byte[] response, int index)
    {
        if (response.Length == 0)
            throw Fail(index, "is empty");
        if (response.Length > MaxResponseBytes)
            throw Fail(index, $"is {response.Length} bytes, more than the {MaxResponseBytes} allowed");
        ReadOnlyMemory<byte> token;
        try
        {
            var outer = new AsnReader(response, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            if (outer.HasData)
                throw Fail(index, "has bytes after the timestamp response");
            if (sequence.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                token = response;
            }
            else
            {
                var status = sequence.ReadSequence();
                if (!status.TryReadInt32(out var value))
                    throw Fail(index, "has a status that is not a small integer");
                if (value is < 0 or > GrantedWithMods)
                    throw Fail(index, $"has status {value}: the timestamp authority did not grant the request");
                if (!sequence.HasData)
                    throw Fail(index, "has no timestamp token");
                token = sequence.ReadEncodedValue();
                if (sequence.HasData)
                    throw Fail(index, "has fields after the timestamp token");
            }
        }
        catch (AsnContentException e)
        {
            throw Fail(index, $"is not a DER timestamp response ({e.Message})", e);
        }

        if (!Rfc3161TimestampToken.TryDecode(token, out var decoded, out var consumed) || consumed != token.Length)
        {
            // Rfc3161TimestampToken also refuses a token whose embedded signer certificate does not match the ESS
            // signing-certificate attribute, or was not valid at the token's genTime.
            throw Fail(index, "does not hold an acceptable RFC 3161 timestamp token (malformed, or its embedded signing certificate does not match its signing-certificate attribute or was not valid at its genTime)");
        }
        return decoded;
    }

    private static SigstoreVerificationException Fail(int index, string message, Exception? inner = null)
    {
        var text = $"RFC 3161 timestamp {index}: the signed timestamp {message}.";
        return inner is null ? new(SigstoreChecks.Timestamp, text) : new(SigstoreChecks.Timestamp, text, inner);
    }
}
