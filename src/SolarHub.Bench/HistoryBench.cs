using System.Diagnostics;
using SolarHub.ConfigStore;
using SolarHub.Database;
using SolarHub.History;
using SolarHub.History.Querying;
using SolarHub.History.Storage;

namespace SolarHub.Bench;

/// <summary>
/// <c>solarhub bench history</c>: the history store's costs on a real database (a temporary SQLite file by default).
/// (1) sustained writes: <c>--minutes</c> of samples of <c>--banks</c> × <c>--packs</c> every 10 s, in the writer's
/// batches of 500 (aggregates merged in the same transactions); (2) the aggregation's share, estimated by writing the
/// same samples again (stored already: inserts attempted, nothing merged); (3) queries over <c>--days</c> of one bank
/// (its packs every 60 s: the full 10-s set for 100 banks would take hours to write, and a query reads one series
/// through its own index, so the other banks only deepen the index).
/// </summary>
public static class HistoryBench
{
    private const int BatchSize = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static async Task<string> RunAsync(ConfigDatabase database, int banks, int packs, int minutes, int days, TextWriter output, CancellationToken ct)
    {
        IHistoryStore store = SqlHistoryStore.For(database);
        output.WriteLine($"bench history: {store.Description}");
        // Whole days, so daily figures count whole days.
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);

        // 1. Sustained writes, as the node makes them: every 10 s one sample per bank and pack, in batches of 500.
        int ticks = minutes * 6;
        int perTick = banks * (packs + 1);
        output.WriteLine($"write: {minutes} min of {banks} banks x {packs} packs every 10 s = {ticks} flushes of {perTick} samples, batches of {BatchSize}");
        var fresh = await WriteTicksAsync(store, start, banks, packs, 0, ticks, output, ct);
        double rate = (double)ticks * perTick / fresh.TotalSeconds;
        var perFlush = fresh / ticks;
        output.WriteLine($"write: {BenchFormat.Integer(rate)} samples/s; {BenchFormat.Milliseconds(perFlush)} ms per 10-s flush ({BenchFormat.Number(100 * perFlush / Interval, 2)} % of the interval)");

        // 2. The same samples again: every insert is tried and skipped, nothing merged; the difference bounds the aggregation.
        int again = Math.Min(ticks, 60);
        var duplicate = await WriteTicksAsync(store, start, banks, packs, 0, again, null, ct);
        var rollup = TimeSpan.FromTicks(Math.Max(0, perFlush.Ticks - (duplicate / again).Ticks));
        output.WriteLine($"rollup: at most {BenchFormat.Milliseconds(rollup)} ms per flush (hourly and daily aggregates of {perTick} series, merged in the write transactions)");

        // 3. Queries over a long history of one bank.
        var bank = "bench-query";
        var queryStart = start.AddDays(-days);
        int minutesOfHistory = days * 24 * 60;
        output.WriteLine($"query data: {days} days of '{bank}' ({packs} packs and its totals) every 60 s = {(long)minutesOfHistory * (packs + 1)} samples");
        var filling = Stopwatch.StartNew();
        var batch = new List<HistorySample>(5000);
        for (int m = 0; m < minutesOfHistory; m++)
        {
            ct.ThrowIfCancellationRequested();
            var at = queryStart.AddMinutes(m);
            batch.Add(Bank(bank, at, m));
            for (int p = 1; p <= packs; p++) batch.Add(Pack(bank, (byte)p, at, m));
            if (batch.Count >= 5000 || m == minutesOfHistory - 1)
            {
                await store.WriteAsync(batch, ct);
                batch.Clear();
            }
            if (m > 0 && m % (minutesOfHistory / 5) == 0) output.WriteLine($"query data: {100 * m / minutesOfHistory} % ({filling.Elapsed.TotalSeconds:0} s)");
        }
        var end = queryStart.AddDays(days);
        var queries = new (string Name, HistoryQuery Query)[]
        {
            ("1 d raw, bank", new HistoryQuery(bank, end.AddDays(-1), end, HistoryResolution.Raw)),
            ("1 d raw, pack", new HistoryQuery(bank, end.AddDays(-1), end, HistoryResolution.Raw, 1)),
            ($"{days} d hourly, pack", new HistoryQuery(bank, queryStart, end, HistoryResolution.Hour, 1)),
            ($"{days} d daily, pack", new HistoryQuery(bank, queryStart, end, HistoryResolution.Day, 1)),
        };
        var timings = new List<string>();
        foreach (var (name, query) in queries)
        {
            var runs = new List<double>();
            int points = 0;
            for (int i = 0; i < 7; i++)
            {
                var watch = Stopwatch.StartNew();
                points = (await store.QueryAsync(query, ct)).Points.Count;
                runs.Add(watch.Elapsed.TotalMilliseconds);
            }
            runs.Sort();
            output.WriteLine($"query: {name}: {points} points in {BenchFormat.Number(runs[runs.Count / 2], 2)} ms (median of 7)");
            timings.Add($"{name} {BenchFormat.Number(runs[runs.Count / 2], 1)} ms");
        }

        var retention = Stopwatch.StartNew();
        long deleted = await store.DeleteExpiredAsync(queryStart.AddDays(1), queryStart.AddHours(1), ct);
        output.WriteLine($"retention: deleted {deleted} rows (one day of raw samples, one hour of aggregates) in {BenchFormat.Milliseconds(retention.Elapsed)} ms");

        return $"history: {BenchFormat.Integer(rate)} samples/s written ({banks}x{packs} packs, {BenchFormat.Milliseconds(perFlush)} ms per 10-s flush, rollup <= {BenchFormat.Milliseconds(rollup)} ms); " +
            $"queries: {string.Join(", ", timings)}";
    }

    private static async Task<TimeSpan> WriteTicksAsync(IHistoryStore store, DateTimeOffset start, int banks, int packs, int from, int count, TextWriter? output, CancellationToken ct)
    {
        var batch = new List<HistorySample>(BatchSize);
        var watch = Stopwatch.StartNew();
        for (int tick = from; tick < from + count; tick++)
        {
            var at = start + tick * Interval;
            for (int b = 0; b < banks; b++)
            {
                var id = $"bank-{b:D4}";
                await Add(Bank(id, at, tick));
                for (int p = 1; p <= packs; p++) await Add(Pack(id, (byte)p, at, tick));
            }
            if (batch.Count > 0) await Flush();
            if (output is not null && count >= 10 && (tick - from + 1) % (count / 5) == 0)
                output.WriteLine($"write: {100 * (tick - from + 1) / count} % ({watch.Elapsed.TotalSeconds:0} s)");
        }
        return watch.Elapsed;

        async Task Add(HistorySample sample)
        {
            batch.Add(sample);
            if (batch.Count == BatchSize) await Flush();
        }

        async Task Flush()
        {
            ct.ThrowIfCancellationRequested();
            await store.WriteAsync(batch, ct);
            batch.Clear();
        }
    }

    private static HistorySample Bank(string bank, DateTimeOffset at, int n) =>
        new(bank, null, at, [50 + n % 50, 52 + n % 7 * 0.1, -20 + n % 40, -1000 + n % 2000, 3.2, 3.3, 20, 25, 16]);

    private static HistorySample Pack(string bank, byte pack, DateTimeOffset at, int n) =>
        new(bank, pack, at, [50 + (n + pack) % 50, 52 + n % 7 * 0.1, -1 + n % 3, -60 + n % 120, 3.2, 3.3, 0.1, 20, 25, 100]);
}
