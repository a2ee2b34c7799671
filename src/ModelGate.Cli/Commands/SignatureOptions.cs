using System.CommandLine;
using ModelGate.Scanning;
using ModelGate.Signatures.ModelSigning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// Who may sign the models a scan finds (docs/model-signing.md, "In scan"). Without any, signatures are still
/// read and files compared, but a signed model is reported as signed by someone not trusted, never verified.
/// </summary>
internal sealed class SignatureOptions
{
    public Option<string[]> Keys { get; } = new("--signature-key") { Description = "A public key (PEM) trusted to sign models (model.sig, key mode). Repeatable.", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> CertificateChains { get; } = new("--signature-certificate-chain") { Description = "PEM certificates a model's signing certificate may chain to (certificate mode). Repeatable.", AllowMultipleArgumentsPerToken = true };

    public Option<string?> Identity { get; } = new("--signature-identity") { Description = "A Sigstore identity trusted to sign models, with --signature-issuer." };

    public Option<string?> Issuer { get; } = new("--signature-issuer") { Description = "The OIDC issuer of --signature-identity." };

    public void AddTo(Command command)
    {
        command.Options.Add(Keys);
        command.Options.Add(CertificateChains);
        command.Options.Add(Identity);
        command.Options.Add(Issuer);
    }

    /// <exception cref="ScanTargetException">A key or certificate file cannot be used, or an identity lacks its issuer.</exception>
    public ModelSigningTrust Resolve(ParseResult parse)
    {
        var identity = parse.GetValue(Identity);
        var issuer = parse.GetValue(Issuer);
        if ((identity is null) != (issuer is null))
            throw new ScanTargetException("--signature-identity and --signature-issuer go together");
        try
        {
            return ModelSigningTrustFiles.Load(parse.GetValue(Keys) ?? [], parse.GetValue(CertificateChains) ?? [], identity is null ? [] : [new SigstoreIdentity(identity, issuer!)], null);
        }
        catch (ModelSignatureException ex)
        {
            throw new ScanTargetException(ex.Message);
        }
    }
}
