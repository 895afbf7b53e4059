using System.Diagnostics;

namespace SolarHub.Bench.Faults;

/// <summary>Stopwatch timestamps of a row, as the <see cref="BankWatch"/> records them.</summary>
public static class RowClock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static TimeSpan Between(long from, long to) => Stopwatch.GetElapsedTime(from, to);

    public static TimeSpan Since(long from) => Stopwatch.GetElapsedTime(from);
}
