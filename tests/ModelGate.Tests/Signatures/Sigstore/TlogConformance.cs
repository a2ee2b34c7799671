using ModelGate.Signatures.Sigstore;

namespace ModelGate.Tests.Signatures.Sigstore;

/// <summary>The outcome of the tlog and timestamp steps on one conformance case.</summary>
internal sealed record TlogOutcome(IReadOnlyList<DateTimeOffset> IntegratedTimes, IReadOnlyList<DateTimeOffset> TimestampTimes, Exception? Error);

/// <summary>Reads a conformance case and runs <see cref="TransparencyLogVerification"/> and <see cref="SignedTimestampVerification"/> on it.</summary>
internal static class TlogConformance
{
    /// <summary>Null when the case does not reach these steps (its bundle or trusted root is refused, or no key is given).</summary>
    public static TlogOutcome? Run(string caseName)
    {
        var bundlePath = SigstoreTestData.CaseFile(caseName, "bundle.sigstore.json");
        var rootPath = SigstoreTestData.CaseFile(caseName, "trusted_root.json");
        if (!File.Exists(rootPath))
            rootPath = SigstoreTestData.ProductionTrustedRoot;
        SigstoreBundle bundle;
        TrustedRoot root;
        try
        {
            bundle = SigstoreBundleReader.Read(File.ReadAllBytes(bundlePath), bundlePath);
            root = TrustedRootReader.Read(File.ReadAllBytes(rootPath), rootPath);
        }
        catch (SigstoreVerificationException)
        {
            return null;
        }

        byte[] material;
        bool isCertificate;
        var keyPath = SigstoreTestData.CaseFile(caseName, "key.pub");
        if (File.Exists(keyPath))
        {
            try
            {
                material = SigstorePublicKey.FromPem(File.ReadAllText(keyPath)).Spki;
            }
            catch (SigstoreVerificationException)
            {
                return null;
            }

            isCertificate = false;
        }
        else if (bundle.VerificationMaterial.LeafCertificate is { } leaf)
        {
            material = leaf;
            isCertificate = true;
        }
        else
        {
            return null;
        }

        IReadOnlyList<DateTimeOffset> integrated = [];
        IReadOnlyList<DateTimeOffset> stamped = [];
        try
        {
            integrated = TransparencyLogVerification.Verify(bundle, root, material, isCertificate, DateTimeOffset.UtcNow);
            stamped = SignedTimestampVerification.Verify(bundle, root, bundle.SignatureBytes);
            return new TlogOutcome(integrated, stamped, null);
        }
        catch (SigstoreVerificationException e)
        {
            return new TlogOutcome(integrated, stamped, e);
        }
    }
}
