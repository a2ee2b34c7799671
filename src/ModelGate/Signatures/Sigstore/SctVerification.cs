using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// Checks the SCTs embedded in a Fulcio certificate (RFC 6962 §3.2–3.3): each names a CT log of the trusted root
/// and signs the precertificate — the TBSCertificate without the SCT extension, bound to the issuer's key hash.
/// At least one SCT must verify against a CT log key valid at the SCT's time.
/// </summary>
internal static class SctVerification
{
    public const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    /// <summary>RFC 5246 §7.4.1.4.1 codes: hash 4 = sha256, 5 = sha384, 6 = sha512; signature 1 = rsa, 3 = ecdsa.</summary>
    private static HashAlgorithmName? Hash(byte code) => code switch
    {
        4 => HashAlgorithmName.SHA256,
        5 => HashAlgorithmName.SHA384,
        6 => HashAlgorithmName.SHA512,
        _ => null,
    };

    public static void Verify(X509Certificate2 leaf, X509Certificate2 issuer, TrustedRoot root)
    {
        var extension = leaf.Extensions[SctListOid]
            ?? throw new SigstoreVerificationException(SigstoreChecks.Sct, "the signing certificate has no embedded SCT");
        byte[] list;
        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            list = reader.ReadOctetString();
            reader.ThrowIfNotEmpty();
        }
        catch (AsnContentException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.Sct, $"the SCT extension is not an OCTET STRING ({ex.Message})", ex);
        }

        var scts = SignedCertificateTimestamp.ParseList(list);
        if (scts.Count == 0)
            throw new SigstoreVerificationException(SigstoreChecks.Sct, "the signing certificate's SCT list is empty");

        var tbs = PrecertificateTbs(leaf.RawData);
        var issuerKeyHash = SHA256.HashData(issuer.PublicKey.ExportSubjectPublicKeyInfo());
        var reasons = new List<string>();
        foreach (var sct in scts)
        {
            var logs = root.CtLogsById(sct.LogId).ToList();
            if (logs.Count == 0)
            {
                reasons.Add($"log {Convert.ToBase64String(sct.LogId)} is not a CT log of the trusted root");
                continue;
            }

            if (Hash(sct.HashAlgorithm) is not { } hash || sct.SignatureAlgorithm is not (1 or 3))
            {
                reasons.Add($"unsupported algorithm (hash {sct.HashAlgorithm}, signature {sct.SignatureAlgorithm})");
                continue;
            }

            var signed = SignedData(sct, issuerKeyHash, tbs);
            foreach (var log in logs)
            {
                if (!log.IsValidAt(sct.Time))
                {
                    reasons.Add($"CT log {log.BaseUrl} key is not valid at the SCT's time {FulcioCertificate.Describe(sct.Time)}");
                    continue;
                }

                SigstorePublicKey key;
                try
                {
                    key = SigstorePublicKey.FromSpki(log.PublicKeySpki, log.KeyDetails);
                }
                catch (SigstoreVerificationException ex)
                {
                    reasons.Add($"CT log {log.BaseUrl} key: {ex.Message}");
                    continue;
                }

                if (key.Verify(signed, sct.Signature, hash))
                    return;
                reasons.Add($"the SCT signature does not verify with CT log {log.BaseUrl}'s key");
            }
        }

        throw new SigstoreVerificationException(SigstoreChecks.Sct, $"no embedded SCT verifies against the trusted root's CT logs: {string.Join("; ", reasons)}");
    }

    /// <summary>RFC 6962 §3.2 <c>digitally-signed struct</c> for a precert_entry.</summary>
    private static byte[] SignedData(SignedCertificateTimestamp sct, byte[] issuerKeyHash, byte[] tbs)
    {
        if (tbs.Length >= 1 << 24 || sct.Extensions.Length > ushort.MaxValue)
            throw new SigstoreVerificationException(SigstoreChecks.Sct, "the precertificate is too large for an SCT");
        var data = new byte[1 + 1 + 8 + 2 + 32 + 3 + tbs.Length + 2 + sct.Extensions.Length];
        var span = data.AsSpan();
        span[0] = 0; // sct_version v1
        span[1] = 0; // signature_type certificate_timestamp
        BinaryPrimitives.WriteUInt64BigEndian(span[2..], sct.Timestamp);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], 1); // entry_type precert_entry
        issuerKeyHash.CopyTo(span[12..]);
        span[44] = (byte)(tbs.Length >> 16);
        span[45] = (byte)(tbs.Length >> 8);
        span[46] = (byte)tbs.Length;
        tbs.CopyTo(span[47..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(47 + tbs.Length)..], (ushort)sct.Extensions.Length);
        sct.Extensions.CopyTo(span[(49 + tbs.Length)..]);
        return data;
    }

    /// <summary>
    /// The TBSCertificate (RFC 5280 §4.1) re-encoded without the SCT list extension — what the log signed
    /// before the SCTs existed (RFC 6962 §3.2). Every other field is copied byte for byte.
    /// </summary>
    public static byte[] PrecertificateTbs(byte[] certificateDer)
    {
        try
        {
            var certificate = new AsnReader(certificateDer, AsnEncodingRules.DER).ReadSequence();
            var tbs = certificate.ReadSequence();
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
                var removed = false;
                while (tbs.HasData)
                {
                    if (!tbs.PeekTag().HasSameClassAndValue(extensionsTag))
                    {
                        writer.WriteEncodedValue(tbs.ReadEncodedValue().Span);
                        continue;
                    }

                    var extensions = tbs.ReadSequence(extensionsTag).ReadSequence();
                    using (writer.PushSequence(extensionsTag))
                    using (writer.PushSequence())
                    {
                        while (extensions.HasData)
                        {
                            var encoded = extensions.ReadEncodedValue();
                            var oid = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                            if (oid == SctListOid)
                                removed = true;
                            else
                                writer.WriteEncodedValue(encoded.Span);
                        }
                    }
                }

                if (!removed)
                    throw new SigstoreVerificationException(SigstoreChecks.Sct, "the certificate has no SCT list extension to remove");
            }

            return writer.Encode();
        }
        catch (AsnContentException ex)
        {
            throw new SigstoreVerificationException(SigstoreChecks.Sct, $"the signing certificate's TBSCertificate cannot be re-encoded ({ex.Message})", ex);
        }
    }
}
