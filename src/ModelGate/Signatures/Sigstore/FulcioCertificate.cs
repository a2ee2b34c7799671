using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Reads what a Fulcio signing certificate says about its subject (Fulcio docs "oid-info.md"): the SAN values,
/// the OIDC issuer, and its key usage. Hostile DER is reported with check "certificate-chain" (or "identity").
/// </summary>
internal static class FulcioCertificate
{
    public const string SanOid = "2.5.29.17";
    public const string CodeSigningEku = "1.3.6.1.5.5.7.3.3";

    /// <summary>Issuer (V2): a DER-encoded UTF8String.</summary>
    public const string IssuerV2Oid = "1.3.6.1.4.1.57264.1.8";

    /// <summary>Issuer (deprecated): the raw UTF-8 bytes of the issuer URL, no DER wrapping.</summary>
    public const string IssuerV1Oid = "1.3.6.1.4.1.57264.1.1";

    /// <summary>The otherName SAN type Fulcio uses for a username identity.</summary>
    private const string FulcioUsernameOid = "1.3.6.1.4.1.57264.1.7";

    private const int MaxCertificateBytes = 64 * 1024;

    public static X509Certificate2 Load(byte[] der, string what)
    {
        if (der.Length > MaxCertificateBytes)
            throw new SigstoreVerificationException(SigstoreChecks.CertificateChain, $"the {what} is {der.Length} bytes, more than the {MaxCertificateBytes}-byte limit");
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.CertificateChain, $"the {what} is not a DER X.509 certificate ({ex.Message})", ex);
        }
    }

    public static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    /// <summary>The SAN values a policy identity may match: URIs, e-mail addresses, DNS names and Fulcio usernames.</summary>
    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[SanOid]
            ?? throw new SigstoreVerificationException(SigstoreChecks.Identity, "the signing certificate has no subject alternative name");
        var names = new List<string>();
        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    sequence.ReadEncodedValue();
                    continue;
                }

                switch (tag.TagValue)
                {
                    case 0:
                        var other = sequence.ReadSequence(tag);
                        var type = other.ReadObjectIdentifier();
                        var explicitValue = other.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                        if (type == FulcioUsernameOid)
                            names.Add(explicitValue.ReadCharacterString(UniversalTagNumber.UTF8String));
                        break;
                    case 1 or 2 or 6:
                        names.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    default:
                        sequence.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (AsnContentException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.Identity, $"the signing certificate's subject alternative name is malformed ({ex.Message})", ex);
        }

        return names;
    }

    /// <summary>The OIDC issuer: the V2 extension when present, else the deprecated V1 one; null when neither is.</summary>
    public static string? OidcIssuer(X509Certificate2 certificate)
    {
        if (certificate.Extensions[IssuerV2Oid] is { } v2)
        {
            try
            {
                var reader = new AsnReader(v2.RawData, AsnEncodingRules.DER);
                var value = reader.ReadCharacterString(UniversalTagNumber.UTF8String);
                reader.ThrowIfNotEmpty();
                return value;
            }
            catch (AsnContentException ex)
            {
                throw new SigstoreVerificationException(SigstoreChecks.Identity, $"the certificate's issuer extension {IssuerV2Oid} is not a DER UTF8String ({ex.Message})", ex);
            }
        }

        if (certificate.Extensions[IssuerV1Oid] is { } v1)
        {
            try
            {
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(v1.RawData);
            }
            catch (DecoderFallbackException ex)
            {
                throw new SigstoreVerificationException(SigstoreChecks.Identity, $"the certificate's issuer extension {IssuerV1Oid} is not UTF-8", ex);
            }
        }

        return null;
    }

    /// <summary>Fulcio leaves carry digitalSignature and the code-signing EKU (Sigstore client spec, "Certificate").</summary>
    public static void RequireCodeSigning(X509Certificate2 certificate)
    {
        if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is not { } usage
            || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            throw new SigstoreVerificationException(SigstoreChecks.CertificateChain, "the signing certificate's key usage does not include digitalSignature");
        }

        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } eku
            || !eku.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == CodeSigningEku))
        {
            throw new SigstoreVerificationException(SigstoreChecks.CertificateChain, "the signing certificate's extended key usage does not include code signing");
        }
    }

    public static string Describe(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
