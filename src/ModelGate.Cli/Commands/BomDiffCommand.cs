using System.CommandLine;
using ModelGate.Formats;
using ModelGate.Formats.CycloneDx;
using ModelGate.Sbom;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate bom diff OLD NEW</c>: components added, removed or changed and vulnerabilities new or fixed. Exit 0
/// when nothing changed, 1 when something did (as diff(1) does, so a monitoring job can branch on it), 2 on error.
/// </summary>
internal static class BomDiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var before = new Argument<string>("old") { Description = "The earlier CycloneDX JSON BOM." };
        var after = new Argument<string>("new") { Description = "The later CycloneDX JSON BOM." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, json or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong([.. BomDiffWriter.Formats]);
        var output = new Option<string?>("--output", "-o") { Description = "Write the diff to this file instead of standard output." };
        var command = new Command("diff", "Show what changed between two BOMs: components added, removed or changed in version or hash, vulnerabilities new or fixed (exit 0 no change, 1 changes, 2 error).")
        {
            before, after, format, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var oldPath = parse.GetValue(before)!;
            var newPath = parse.GetValue(after)!;
            CycloneDxBom oldBom, newBom;
            try
            {
                oldBom = Load(oldPath);
                newBom = Load(newPath);
            }
            catch (Exception ex) when (ex is MalformedDataException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"modelgate: {ex.Message}").ConfigureAwait(false);
                return (int)ExitCode.Error;
            }
            foreach (var (path, bom) in new[] { (oldPath, oldBom), (newPath, newBom) })
            {
                foreach (var problem in bom.Problems)
                    await stderr.WriteLineAsync($"modelgate: warning: {path}: {problem}").ConfigureAwait(false);
            }
            var diff = BomDiff.Compare(oldBom, newBom);
            var text = BomDiffWriter.Write(diff, parse.GetValue(format) ?? "text", oldPath, newPath);
            if (parse.GetValue(output) is { } file)
                await File.WriteAllTextAsync(file, text, cancellationToken).ConfigureAwait(false);
            else
                await stdout.WriteAsync(text).ConfigureAwait(false);
            return diff.IsEmpty ? (int)ExitCode.Pass : (int)ExitCode.Fail;
        });
        return command;
    }

    /// <exception cref="MalformedDataException">Not a BOM, too large, or not JSON.</exception>
    private static CycloneDxBom Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new IOException($"'{path}' is not a file");
        if (info.Length > CycloneDxReader.MaxBytes)
            throw new MalformedDataException("cyclonedx", $"{path} is {info.Length} bytes; BOMs larger than {CycloneDxReader.MaxBytes} bytes are not read");
        try
        {
            return CycloneDxReader.Read(File.ReadAllBytes(path));
        }
        catch (MalformedDataException ex)
        {
            throw new MalformedDataException("cyclonedx", $"{path}: {ex.Reason}", line: ex.Line, inner: ex);
        }
    }
}
