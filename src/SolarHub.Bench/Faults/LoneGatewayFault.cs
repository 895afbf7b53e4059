namespace SolarHub.Bench.Faults;

/// <summary>
/// A bank with one adapter whose gateway keeps restarting: down for 1 s, up for 3 s, several times (issue 10 found such
/// a bank Down about half the time, its reconnections waiting out a spent restart budget's 10 s backoff). With no
/// standby there is nothing to fail over to: the bank has nothing better to do than try again. Survived when, each time
/// the gateway is back, fresh telemetry comes through it within <see cref="BackBudget"/> (recovery: the slowest), and
/// no exception is logged.
/// </summary>
public sealed class LoneGatewayFault : IFaultScenario
{
    private static readonly TimeSpan BackBudget = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(1), Up = TimeSpan.FromSeconds(3);

    public string Fault => "lone-gateway-back";

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        int cycles = quick ? 3 : 6;
        await using var r = await FaultRig.StartAsync(new RigOptions { Standby = false }, ct);
        long rigStart = RowClock.Now;
        await r.WaitForPrimaryAsync(learned: false, ct);

        long firstFault = RowClock.Now;
        TimeSpan? detection = null;
        var backs = new List<TimeSpan?>();
        for (int cycle = 1; cycle <= cycles; cycle++)
        {
            long downAt = RowClock.Now;
            await r.StopPrimaryGatewayAsync(reset: false);
            await Task.Delay(Down, ct);
            if (detection is null && r.Watch.LeftHealthy(downAt, FaultRig.Primary) is { } left) detection = RowClock.Between(downAt, left.At);
            long upAt = RowClock.Now;
            r.StartPrimaryGateway();
            var fresh = await r.Watch.WaitForAsync(() => r.Watch.FirstFresh(upAt, FaultRig.Primary), Up + BackBudget, ct);
            backs.Add(fresh is null ? null : RowClock.Between(upAt, fresh.At));
            var rest = Up - RowClock.Since(upAt);
            if (rest > TimeSpan.Zero) await Task.Delay(rest, ct);
        }
        var exceptions = r.Watch.Exceptions(rigStart);
        var gap = r.Watch.LongestGap(r.Watch.LastFreshBefore(firstFault), RowClock.Now);

        var slowest = backs.Any(b => b is null) ? null : backs.Max();
        string each = string.Join(", ", backs.Select(b => b is { } t ? $"{BenchFormat.Integer(t.TotalMilliseconds)} ms" : "never"));
        progress.WriteLine($"faults: {Fault}: back after each of {cycles} restarts in {each}");
        var problems = new List<string>();
        if (slowest is null) problems.Add($"no telemetry within {(Up + BackBudget).TotalSeconds:0.#} s of the gateway's return ({each})");
        else if (slowest > BackBudget) problems.Add($"back after a restart in over {BenchFormat.Integer(BackBudget.TotalMilliseconds)} ms ({each})");
        if (exceptions.Count > 0) problems.Add($"exception logged: {exceptions[0].Text}");
        string note = problems.Count > 0 ? string.Join("; ", problems) : $"{cycles} restarts (1 s down, 3 s up), back after each in {each}";
        return new FaultOutcome(Fault, detection, null, slowest, 0, gap.Length, exceptions.Count, 0, problems.Count == 0, note);
    }
}
