using System.CommandLine;
using ModelGate.Cli.Rendering;
using ModelGate.Findings;
using ModelGate.Inventory;
using ModelGate.Policy;
using ModelGate.Reporting;
using ModelGate.Scanning;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate model PATH...</c>: scans model files (and folders of them) for code execution hidden in
/// them, by static analysis only, and decides like <c>scan</c> (exit 0 pass or warn, 1 fail, 2 error).
/// </summary>
internal static class ModelCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("path") { Description = "Model files, folders holding them, or hf://owner/name[@revision].", Arity = ArgumentArity.OneOrMore };
        var outputs = new OutputOptions();
        var format = outputs.Format;
        var output = outputs.Output;
        var hash = new Option<bool>("--hash") { Description = "Also compute each file's SHA-256 (reads every file whole)." };
        var explain = new Option<bool>("--explain") { Description = "Print the annotated disassembly of every pickle found (to standard error with any --format but table)." };
        var policy = new PolicyOptions(new GateOptions());
        var hub = new HubOptions();
        var command = new Command("model", "Scan model files for code execution hidden in them (pickle, PyTorch, joblib, NumPy, Keras, TensorFlow, ONNX, GGUF, safetensors, archives), without loading them.")
        {
            paths, format, output, hash, explain,
        };
        hub.AddTo(command);
        policy.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var formatName = parse.GetValue(format) ?? "table";
            var explainWriter = parse.GetValue(explain) ? (formatName == "table" && parse.GetValue(output) is null ? stdout : stderr) : null;
            var builder = ScannerBuilder.CreateForModels(explainWriter);
            try
            {
                builder.UseTargetResolver(new Provenance.HubTargetResolver(hub.Create(parse)));
                var targets = parse.GetValue(paths) ?? [];
                // One policy for all paths: the one named, else the one in the first path when it is a folder.
                builder.UsePolicy(policy.Resolve(parse, targets.Length > 0 ? targets[0] : null));
            }
            catch (Exception ex) when (ex is Provenance.Locks.LockFileException or PolicyException)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            var scanner = builder.Build();
            var options = new ScanOptions { HashArtifacts = parse.GetValue(hash) };
            var reports = new List<ScanReport>();
            try
            {
                foreach (var path in parse.GetValue(paths) ?? [])
                    reports.Add(await scanner.ScanAsync(path, options, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is ScanTargetException or IOException or UnauthorizedAccessException or PolicyException)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            var report = Combine(reports, scanner.Policy);
            var outputPath = parse.GetValue(output);
            await ReportOutput.WriteAsync(report, formatName, outputPath, stdout, ReportView.Models, cancellationToken).ConfigureAwait(false);
            if (outputPath is not null)
                await stderr.WriteLineAsync($"Decision: {report.Decision.Verdict.ToString().ToUpperInvariant()} (report written to {outputPath})").ConfigureAwait(false);
            return CommandRunner.GateExitCode(report);
        });
        return command;
    }

    /// <summary>One report for several targets: everything concatenated, findings re-sorted, one decision.</summary>
    private static ScanReport Combine(List<ScanReport> reports, GatePolicy policy)
    {
        if (reports.Count == 1)
            return reports[0];
        var findings = reports.SelectMany(r => r.Findings).Order(FindingOrder.Instance).ToList();
        return policy.Apply(reports[0] with
        {
            Target = string.Join(' ', reports.Select(r => r.Target)),
            Inventory = new ScanInventory
            {
                ModelArtifacts = [.. reports.SelectMany(r => r.Inventory.ModelArtifacts)],
                Diagnostics = [.. reports.SelectMany(r => r.Inventory.Diagnostics)],
                SourceFiles = [.. reports.SelectMany(r => r.Inventory.SourceFiles)],
            },
            Artifacts = [.. reports.SelectMany(r => r.Artifacts)],
            Provenance = [.. reports.SelectMany(r => r.Provenance)],
            Findings = findings,
        });
    }
}
