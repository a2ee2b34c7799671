using System.CommandLine;
using ModelGate.Advisories.Api;
using ModelGate.Advisories.Database;
using ModelGate.Advisories.Sources;
using ModelGate.Analyzers;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>The options of every command that audits dependencies against advisories.</summary>
internal sealed class AdvisoryOptions
{
    public Option<string?> Db { get; } = new("--db") { Description = "Advisory data: a ModelGate database, or an OSV folder or .zip (JSON or the PyPA YAML layout). Overrides MODELGATE_DB and the local database." };

    public Option<bool> Offline { get; } = new("--offline") { Description = "Never use the network; without local advisory data this is an error." };

    public Option<string?> OsvUrl { get; } = new("--osv-url") { Description = "Base URL of the OSV API (default https://api.osv.dev)." };

    public Option<string[]> Ignore { get; } = new("--ignore") { Description = "An advisory id (or any of its aliases) not to report. Repeatable; also comma-separated.", AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };

    public Option<bool> AssumeWorst { get; } = new("--assume-worst") { Description = "Also report advisories that affect some version an unpinned requirement allows." };

    public Option<bool> RequireHashes { get; } = new("--require-hashes") { Description = "Report every pinned requirement without --hash, as pip's hash-checking mode would refuse it." };

    public AdvisoryOptions()
    {
        OsvUrl.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !OsvApiOptions.TryParseBaseUrl(value, out _, out var error))
                result.AddError($"--osv-url: {error}");
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Offline);
        command.Options.Add(OsvUrl);
        command.Options.Add(Ignore);
        command.Options.Add(AssumeWorst);
        command.Options.Add(RequireHashes);
    }

    public ScanOptions Apply(ScanOptions options, ParseResult parse) => options with { RequireHashes = parse.GetValue(RequireHashes) };

    /// <summary>Adds the vulnerability audit to the builder, with the source the precedence rules pick.</summary>
    /// <exception cref="Advisories.AdvisorySourceException">No usable source (for example --offline with no local data).</exception>
    public ScannerBuilder Configure(ScannerBuilder builder, ParseResult parse, bool sourceFailureIsFinding)
    {
        var apiOptions = new OsvApiOptions();
        if (parse.GetValue(OsvUrl) is { } url && OsvApiOptions.TryParseBaseUrl(url, out var baseUrl, out _))
            apiOptions = apiOptions with { BaseUrl = baseUrl };
        var provider = AdvisorySourceResolver.Resolve(
            parse.GetValue(Db),
            Environment.GetEnvironmentVariable(AdvisorySourceResolver.EnvironmentVariable),
            parse.GetValue(Offline),
            apiOptions,
            AdvisoryCache.DefaultDatabasePath());
        return builder.UseAdvisories(provider, new VulnerabilityOptions
        {
            Ignored = new HashSet<string>(
                (parse.GetValue(Ignore) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
                StringComparer.OrdinalIgnoreCase),
            AssumeWorst = parse.GetValue(AssumeWorst),
            SourceFailureIsFinding = sourceFailureIsFinding,
        });
    }
}
