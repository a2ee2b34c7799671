using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ModelGate.Formats;

namespace ModelGate.Fuzzing;

/// <summary>
/// A blind in-process mutation campaign for machines without AFL++: it mutates seed files (bit flips,
/// interesting bytes and integers, truncation, chunk duplication and deletion, splicing), runs the target on
/// each on a worker thread, and saves every input that throws anything but <see cref="MalformedDataException"/>
/// (for the scanner: anything), takes longer than <see cref="Timeout"/>, or allocates more than
/// <see cref="MaxAllocatedBytes"/>.
/// </summary>
internal sealed class MutationCampaign
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private const long MaxAllocatedBytes = 1L << 30;
    private const int MaxSeedBytes = 4 * 1024 * 1024;
    private const int MaxInputBytes = 8 * 1024 * 1024;

    /// <summary>Inputs saved per distinct failure (exception type and throwing frame).</summary>
    private const int MaxSavedPerSignature = 3;

    /// <summary>Workers left spinning on hung inputs before the campaign gives up (threads cannot be killed).</summary>
    private const int MaxAbandonedWorkers = 2;

    private static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE];

    private static readonly ulong[] InterestingIntegers =
    [
        0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000,
        0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF,
        0xFFFFFFFFFFFFFFFE, 0xFFFFFFFE, 0xFFFE,
    ];

    private readonly string _name;
    private readonly FuzzTarget _target;
    private readonly string _seedDirectory;
    private readonly TimeSpan _duration;
    private readonly string _output;
    private readonly Random _random = new(Environment.TickCount);
    private readonly Dictionary<string, int> _signatures = new(StringComparer.Ordinal);
    private readonly List<(byte[] Data, string Name)> _seeds = [];

    public MutationCampaign(string name, FuzzTarget target, string seedDirectory, TimeSpan duration, string output)
    {
        _name = name;
        _target = target;
        _seedDirectory = seedDirectory;
        _duration = duration;
        _output = output;
    }

    public int Run()
    {
        foreach (var directory in _seedDirectory.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                if (info.Length is > 0 and <= MaxSeedBytes)
                    _seeds.Add((File.ReadAllBytes(file), info.Name));
            }
        }
        if (_seeds.Count == 0)
        {
            Console.Error.WriteLine($"no seed files under {_seedDirectory}");
            return 2;
        }
        Directory.CreateDirectory(_output);
        var current = Path.Combine(_output, "current-input");

        long executions = 0, failures = 0, abandoned = 0, rejected = 0;
        var clock = Stopwatch.StartNew();
        var worker = new Worker(_target);

        // The seeds themselves first, unmutated.
        var queue = new Queue<(byte[] Data, string Name)>(_seeds);
        while (clock.Elapsed < _duration)
        {
            var (data, seedName) = queue.Count > 0 ? queue.Dequeue() : Mutate();
            // If the process dies (stack overflow, fail-fast), this file names the input that killed it.
            File.WriteAllBytes(current, data);
            var outcome = worker.Run(data, seedName, Timeout);
            executions++;
            if (outcome.Exception is MalformedDataException)
                rejected++;
            string? failure = outcome switch
            {
                { TimedOut: true } => $"hang: still running after {Timeout.TotalSeconds:0} s",
                { Exception: MalformedDataException } when Targets.MayRefuse(_name) => null,
                { Exception: { } ex } => ex.ToString(),
                { AllocatedBytes: > MaxAllocatedBytes } => $"allocated {outcome.AllocatedBytes:N0} bytes for a {data.Length:N0}-byte input",
                _ => null,
            };
            if (failure is not null)
            {
                failures++;
                Save(data, seedName, failure, Signature(outcome));
            }
            if (outcome.TimedOut)
            {
                // The stuck thread cannot be stopped; leave it (a background thread) and go on with a new one.
                if (++abandoned >= MaxAbandonedWorkers)
                {
                    Console.Error.WriteLine("too many hung inputs; stopping the campaign early");
                    break;
                }
                worker = new Worker(_target);
            }
        }
        File.Delete(current);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{_name}: {executions} executions in {clock.Elapsed.TotalSeconds:0} s ({rejected} rejected as malformed), {_seeds.Count} seeds, {failures} failing inputs, {_signatures.Count} distinct failures"));
        foreach (var (signature, count) in _signatures.OrderBy(s => s.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {count,6}  {signature}");
        return failures == 0 ? 0 : 1;
    }

    private static string Signature(Outcome outcome)
    {
        if (outcome.TimedOut)
            return "hang";
        if (outcome.Exception is not { } ex)
            return "allocation";
        var frame = new StackTrace(ex, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("ModelGate", StringComparison.Ordinal) == true);
        return $"{ex.GetType().Name} at {frame?.DeclaringType?.Name}.{frame?.Name}";
    }

    private void Save(byte[] data, string seedName, string failure, string signature)
    {
        _signatures[signature] = _signatures.GetValueOrDefault(signature) + 1;
        if (_signatures[signature] > MaxSavedPerSignature)
            return;
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data))[..16];
        var extension = Path.GetExtension(seedName);
        File.WriteAllBytes(Path.Combine(_output, $"crash-{id}{extension}"), data);
        File.WriteAllText(Path.Combine(_output, $"crash-{id}.txt"), $"target: {_name}\nseed: {seedName}\nsignature: {signature}\n\n{failure}\n", Encoding.UTF8);
        Console.Error.WriteLine($"[{_name}] {signature} -> crash-{id}{extension}");
    }

    private (byte[] Data, string Name) Mutate()
    {
        var (seed, name) = _seeds[_random.Next(_seeds.Count)];
        var data = new List<byte>(seed);
        var rounds = 1 << _random.Next(4); // 1, 2, 4 or 8 stacked mutations
        for (var i = 0; i < rounds; i++)
            MutateOnce(data);
        if (data.Count > MaxInputBytes)
            data.RemoveRange(MaxInputBytes, data.Count - MaxInputBytes);
        return ([.. data], name);
    }

    private void MutateOnce(List<byte> data)
    {
        if (data.Count == 0)
        {
            data.Add((byte)_random.Next(256));
            return;
        }
        // Most bytes of a model file are tensor data; offsets near the start hit headers far more often.
        var offset = _random.Next(3) == 0 ? _random.Next(data.Count) : _random.Next(Math.Min(data.Count, 512));
        switch (_random.Next(10))
        {
            case 0:
                data[offset] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                data[offset] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 2:
                data[offset] = (byte)_random.Next(256);
                break;
            case 3:
            case 4:
                WriteInteger(data, offset);
                break;
            case 5:
                Truncate(data);
                break;
            case 6:
            {
                var length = Math.Min(data.Count - offset, 1 + _random.Next(64));
                var chunk = data.GetRange(offset, length);
                data.InsertRange(_random.Next(data.Count + 1), chunk);
                break;
            }
            case 7:
                data.RemoveRange(offset, Math.Min(data.Count - offset, 1 + _random.Next(64)));
                break;
            case 8:
                Splice(data);
                break;
            default:
                // A small number at an offset, as a length or count would be written.
                data[offset] = (byte)(data[offset] + _random.Next(-16, 17));
                break;
        }
    }

    private void WriteInteger(List<byte> data, int offset)
    {
        var value = InterestingIntegers[_random.Next(InterestingIntegers.Length)];
        Span<byte> bytes = stackalloc byte[8];
        var width = _random.Next(3) switch { 0 => 2, 1 => 4, _ => 8 };
        if (_random.Next(4) == 0)
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value << ((8 - width) * 8));
        else
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        for (var i = 0; i < width && offset + i < data.Count; i++)
            data[offset + i] = bytes[i];
    }

    private void Truncate(List<byte> data)
    {
        var keep = _random.Next(data.Count);
        data.RemoveRange(keep, data.Count - keep);
    }

    private void Splice(List<byte> data)
    {
        var (other, _) = _seeds[_random.Next(_seeds.Count)];
        if (other.Length == 0)
            return;
        var cut = _random.Next(data.Count + 1);
        var from = _random.Next(other.Length);
        var length = Math.Min(other.Length - from, 1 + _random.Next(4096));
        data.RemoveRange(cut, data.Count - cut);
        data.AddRange(other.AsSpan(from, length).ToArray());
    }

    private readonly record struct Outcome(bool TimedOut, Exception? Exception, long AllocatedBytes);

    /// <summary>One background thread that runs the target on one input at a time.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A worker lives until the process ends; one left on a hung input is still using its semaphores.")]
    private sealed class Worker
    {
        private readonly FuzzTarget _target;
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private byte[] _data = [];
        private string _name = "";
        private Outcome _outcome;

        public Worker(FuzzTarget target)
        {
            _target = target;
            // A big stack, as the CLI's main thread has: deep recursion must hit the readers' depth limits, not the stack.
            var thread = new Thread(Loop, maxStackSize: 8 * 1024 * 1024) { IsBackground = true, Name = "fuzz worker" };
            thread.Start();
        }

        public Outcome Run(byte[] data, string name, TimeSpan timeout)
        {
            _data = data;
            _name = name;
            _start.Release();
            return _done.Wait(timeout) ? _outcome : new Outcome(TimedOut: true, null, 0);
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                var before = GC.GetAllocatedBytesForCurrentThread();
                Exception? exception = null;
                try
                {
                    _target(_data, _name);
                }
#pragma warning disable CA1031 // The campaign records every exception a target lets out.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    exception = ex;
                }
                _outcome = new Outcome(false, exception, GC.GetAllocatedBytesForCurrentThread() - before);
                _done.Release();
            }
        }
    }
}
