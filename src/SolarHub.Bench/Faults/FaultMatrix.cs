namespace SolarHub.Bench.Faults;

/// <summary>
/// <c>solarhub bench faults</c>: runs each fault scenario in turn (each on a rig of its own), prints a progress line per
/// row, then the table; the caller prints <see cref="FaultMatrixResult.Summary"/> last. A row whose rig could not be
/// built or that broke is a row that did not survive, with the reason in its note: the other rows still run.
/// </summary>
public static class FaultMatrix
{
    /// <summary>The rows' names, in table order (what <c>--only</c> accepts).</summary>
    public static IReadOnlyList<string> Names => [.. All().Select(s => s.Fault)];

    // New instances per run: some rows keep counters between their injection and their checks.
    private static IReadOnlyList<IFaultScenario> All() =>
    [
        .. BankFaults.All(), new ConfigKillFault(), new HistoryKillFault(), new ConcurrentWritersFault(), new DatabaseFaultScenario(DatabaseFault.Full), new DatabaseFaultScenario(DatabaseFault.Locked),
        new ReadOnlyDatabaseFault(),
        new MqttBrokerRestartScenario(), new HttpAbuseScenario(),
    ];

    /// <param name="only">Names of the rows to run (all when null or empty).</param>
    /// <param name="markdown">Print the table as Markdown (for docs/reliability.md) instead of aligned text.</param>
    public static async Task<FaultMatrixResult> RunAsync(bool quick, IReadOnlyCollection<string>? only, TextWriter output, CancellationToken ct, bool markdown = false)
    {
        var scenarios = Select(All(), only);
        output.WriteLine($"faults: {scenarios.Count} fault(s){(quick ? ", quick run (shorter observation periods)" : "")}: {string.Join(", ", scenarios.Select(s => s.Fault))}");
        var rows = new List<FaultOutcome>(scenarios.Count);
        foreach (var (scenario, index) in scenarios.Select((s, i) => (s, i + 1)))
        {
            output.WriteLine($"faults: {index}/{scenarios.Count} {scenario.Fault}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var row = await RunRowAsync(scenario, quick, output, ct);
            rows.Add(row);
            output.WriteLine($"faults: {scenario.Fault}: {(row.Survived ? "survived" : "NOT survived")} ({BenchFormat.Number(clock.Elapsed.TotalSeconds)} s): {row.Note}");
        }
        foreach (var line in markdown ? FaultTable.Markdown(rows) : FaultTable.Render(rows)) output.WriteLine(line);
        return new FaultMatrixResult(rows);
    }

    private static async Task<FaultOutcome> RunRowAsync(IFaultScenario scenario, bool quick, TextWriter output, CancellationToken ct)
    {
        try
        {
            return await scenario.RunAsync(quick, output, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        // A broken row is a finding of its own, not the end of the matrix.
        catch (Exception e) when (e is BenchException or IOException or System.Net.Sockets.SocketException or HttpRequestException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            return new FaultOutcome(scenario.Fault, null, null, null, 0, null, 0, 0, Survived: false, $"the row broke: {e.Message}");
        }
    }

    private static List<IFaultScenario> Select(IReadOnlyList<IFaultScenario> all, IReadOnlyCollection<string>? only)
    {
        if (only is not { Count: > 0 }) return [.. all];
        var unknown = only.Where(name => !all.Any(s => s.Fault.Equals(name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
            throw new BenchException($"unknown fault(s) {string.Join(", ", unknown)}; the faults are {string.Join(", ", all.Select(s => s.Fault))}");
        return [.. all.Where(s => only.Any(name => s.Fault.Equals(name, StringComparison.OrdinalIgnoreCase)))];
    }
}
