namespace ModelGate.Signatures.Sigstore;

/// <summary>
/// A Sigstore bundle, trusted root or key was rejected. <see cref="Check"/> is a short, stable name of the
/// verification step that failed (see <see cref="SigstoreChecks"/>); the message says why and where.
/// </summary>
internal sealed class SigstoreVerificationException : Exception
{
    public SigstoreVerificationException(string check, string message)
        : base(message)
    {
        Check = check;
    }

    public SigstoreVerificationException(string check, string message, Exception innerException)
        : base(message, innerException)
    {
        Check = check;
    }

    public SigstoreVerificationException()
        : this(SigstoreChecks.BundleFormat, "Sigstore verification failed.")
    {
    }

    public SigstoreVerificationException(string message)
        : this(SigstoreChecks.BundleFormat, message)
    {
    }

    public SigstoreVerificationException(string message, Exception innerException)
        : this(SigstoreChecks.BundleFormat, message, innerException)
    {
    }

    public string Check { get; }
}
