using System.Globalization;

namespace ModelGate.Reporting;

/// <summary>Counts, durations and sizes as messages spell them for people: "twice", "1.5 s", "64 KiB".</summary>
internal static class HumanUnits
{
    public static string Times(int count) => count switch
    {
        1 => "once",
        2 => "twice",
        3 => "three times",
        4 => "four times",
        5 => "five times",
        _ => string.Create(CultureInfo.InvariantCulture, $"{count} times"),
    };

    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => $"{duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
        { TotalMinutes: < 2 } => $"{duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        { TotalHours: < 2 } => $"{duration.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min",
        _ => $"{duration.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h",
    };

    /// <summary>Exact sizes only: a round number of MiB or KiB, else bytes (limits in messages must not be rounded).</summary>
    public static string Bytes(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
        : bytes >= 1024 && bytes % 1024 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
