namespace SolarHub.Bench.Footprint;

/// <summary>One node measured by <c>bench footprint</c>: a given number of banks, each of 3 packs on a simulated gateway of its own.</summary>
/// <param name="ResidentBytes">Resident memory (VmRSS) after the warm-up.</param>
/// <param name="AnonymousBytes">The part of it the kernel cannot drop without swap (<see cref="ProcessFigures.AnonymousBytes"/>).</param>
/// <param name="HeapBytes">The managed heap in use after the warm-up (the node's <c>dotnet_total_memory_bytes</c>).</param>
/// <param name="HttpUp">From the process's start to <c>/health/live</c> answering.</param>
/// <param name="FirstFresh">From the process's start to the first fresh pack of any bank.</param>
/// <param name="AllFresh">From the process's start to every pack of every bank fresh.</param>
/// <param name="RestartFresh">The same node started again on the same database (as at a reboot): from its start to the first fresh pack.</param>
/// <param name="CpuPerMinute">CPU time the node used per minute of the idle period after the warm-up (its banks receiving as usual).</param>
public sealed record FootprintCase(int Banks, long ResidentBytes, int Threads, long HeapBytes, TimeSpan HttpUp, TimeSpan FirstFresh, TimeSpan AllFresh,
    TimeSpan CpuPerMinute, long AnonymousBytes, TimeSpan RestartFresh)
{
    public string Describe() =>
        $"{Banks} bank{(Banks == 1 ? "" : "s")} rss {Mib(ResidentBytes)} MiB, heap {Mib(HeapBytes)} MiB, threads {Threads}, " +
        $"http {BenchFormat.Seconds(HttpUp)} s, fresh {BenchFormat.Seconds(FirstFresh)} s, all fresh {BenchFormat.Seconds(AllFresh)} s, " +
        $"cpu {BenchFormat.Seconds(CpuPerMinute)} s/min, anon {Mib(AnonymousBytes)} MiB, " +
        $"restart fresh {BenchFormat.Seconds(RestartFresh)} s";

    private static string Mib(long bytes) => BenchFormat.Number(bytes / (1024.0 * 1024));
}

public sealed record FootprintResult(IReadOnlyList<FootprintCase> Cases)
{
    public string Summary => "footprint: " + string.Join("; ", Cases.Select(c => c.Describe()));
}
