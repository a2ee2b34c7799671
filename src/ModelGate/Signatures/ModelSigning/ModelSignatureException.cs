namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// A model signature that is malformed, unsupported or does not verify. The message names the file and the
/// place (a JSON path, a resource name); <see cref="Check"/> says which step rejected it.
/// </summary>
internal sealed class ModelSignatureException : Exception
{
    public ModelSignatureException()
    {
        Check = "signature";
    }

    public ModelSignatureException(string message)
        : base(message)
    {
        Check = "signature";
    }

    public ModelSignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Check = "signature";
    }

    public ModelSignatureException(string check, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Check = check;
    }

    /// <summary>The step that failed: <c>format</c>, <c>unsupported</c>, <c>signature</c>, <c>key</c>, <c>certificate</c>, <c>manifest</c>.</summary>
    public string Check { get; }
}
