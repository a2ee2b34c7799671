using ModelGate.Fuzzing;
using SharpFuzz;

// Usage:
//   ModelGate.Fuzzing TARGET                          AFL++ fork server (run under afl-fuzz; once on stdin otherwise)
//   ModelGate.Fuzzing TARGET --libfuzzer              libFuzzer (run under libfuzzer-dotnet)
//   ModelGate.Fuzzing TARGET FILE|DIR                 run the target on saved inputs (reproduce a crash)
//   ModelGate.Fuzzing --mutate TARGET SEEDDIR SECONDS [OUTDIR]
//                                                     in-process mutation campaign, no AFL needed
if (args.Length >= 4 && args[0] == "--mutate")
{
    if (!Targets.All.TryGetValue(args[1], out var mutateTarget))
        return TryTarget(args[1], out _) ? 0 : 2;
    if (!int.TryParse(args[3], System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
    {
        Console.Error.WriteLine($"SECONDS must be a positive number, not '{args[3]}'");
        return 2;
    }
    var output = args.Length >= 5 ? args[4] : Path.Combine("fuzz-findings", args[1]);
    return new MutationCampaign(args[1], mutateTarget, args[2], TimeSpan.FromSeconds(seconds), output).Run();
}

if (args.Length == 0 || !TryTarget(args[0], out var target))
{
    if (args.Length == 0)
        Console.Error.WriteLine($"usage: ModelGate.Fuzzing TARGET [--libfuzzer | FILE | DIR]  |  --mutate TARGET SEEDDIR SECONDS [OUTDIR]\ntargets: {string.Join(", ", Targets.All.Keys)}");
    return 2;
}

var nameHint = Environment.GetEnvironmentVariable("MODELGATE_FUZZ_NAME") ?? "input.bin";
if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray(), nameHint);
    });
    return 0;
}
if (args[1] == "--libfuzzer")
{
    Fuzzer.LibFuzzer.Run(span => target(span.ToArray(), nameHint));
    return 0;
}

var files = Directory.Exists(args[1]) ? Directory.GetFiles(args[1], "*", SearchOption.AllDirectories) : [args[1]];
foreach (var file in files.Order(StringComparer.Ordinal))
{
    Console.WriteLine(file);
    target(File.ReadAllBytes(file), Path.GetFileName(file));
}
return 0;

static bool TryTarget(string name, out FuzzTarget target)
{
    if (Targets.All.TryGetValue(name, out target!))
    {
        target = Targets.Swallowing(name, target);
        return true;
    }
    Console.Error.WriteLine($"unknown target '{name}'; targets: {string.Join(", ", Targets.All.Keys)}");
    return false;
}
