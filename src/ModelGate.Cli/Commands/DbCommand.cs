using System.CommandLine;
using ModelGate.Advisories;
using ModelGate.Advisories.Database;

namespace ModelGate.Cli.Commands;

/// <summary><c>modelgate db update|status</c>: the local advisory database.</summary>
internal static class DbCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("db", "Manage the local advisory database (default: $XDG_CACHE_HOME/modelgate/advisories.db).");
        command.Subcommands.Add(Update(stdout, stderr));
        command.Subcommands.Add(Status(stdout, stderr));
        return command;
    }

    private static Option<string?> DbOption() => new("--db") { Description = "The database file (default: MODELGATE_DB if it names one, else the cache location)." };

    private static string DatabasePath(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return option;
        var environment = Environment.GetEnvironmentVariable(Advisories.Sources.AdvisorySourceResolver.EnvironmentVariable);
        return !string.IsNullOrWhiteSpace(environment) && !Directory.Exists(environment) && !environment.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            ? environment
            : AdvisoryCache.DefaultDatabasePath();
    }

    private static Command Update(TextWriter stdout, TextWriter stderr)
    {
        var db = DbOption();
        var from = new Option<string?>("--from") { Description = $"An OSV folder, .zip or URL to import (default {AdvisoryImport.DefaultSourceUrl})." };
        var command = new Command("update", "Import OSV advisories into the local database, replacing it atomically.") { db, from };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = DatabasePath(parse.GetValue(db));
            var source = parse.GetValue(from) ?? AdvisoryImport.DefaultSourceUrl;
            try
            {
                var result = await AdvisoryImport.ImportAsync(path, source, TimeProvider.System, http: null, cancellationToken).ConfigureAwait(false);
                foreach (var warning in result.Warnings)
                    await stderr.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
                await WriteStatusAsync(stdout, result.Status).ConfigureAwait(false);
                return (int)ExitCode.Pass;
            }
            catch (Exception ex) when (ex is AdvisorySourceException or AdvisoryDatabaseException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }

    private static Command Status(TextWriter stdout, TextWriter stderr)
    {
        var db = DbOption();
        var command = new Command("status", "Print where the local database came from, when, and what it holds.") { db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = DatabasePath(parse.GetValue(db));
            try
            {
                using var database = AdvisoryDatabase.Open(path);
                await WriteStatusAsync(stdout, database.Status).ConfigureAwait(false);
                return (int)ExitCode.Pass;
            }
            catch (AdvisoryDatabaseException ex)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
        });
        return command;
    }

    private static async Task WriteStatusAsync(TextWriter stdout, DatabaseStatus status)
    {
        await stdout.WriteLineAsync($"database:   {status.Path}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"source:     {status.Source}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"imported:   {status.ImportedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC").ConfigureAwait(false);
        await stdout.WriteLineAsync($"advisories: {status.AdvisoryCount}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"packages:   {status.PackageCount}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"schema:     {status.SchemaVersion}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"size:       {status.FileSize} bytes").ConfigureAwait(false);
    }
}
