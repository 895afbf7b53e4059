using SolarHub.Core.Telemetry;

namespace SolarHub.Bench.Faults;

/// <summary>
/// The primary's gateway restarts every 5 s (down 1 s, up 4 s; a gateway in a reboot loop). The bank's failback
/// hold-down is 6 s here, longer than the primary ever stays up, so the expectation is exact: one failover at the
/// first restart, telemetry through the secondary meanwhile with no gap beyond <see cref="FailoverBudget"/>, no switch
/// back and forth while the loop lasts (each is counted as a false failover), and one failback once the gateway stays
/// up, after the hold-down. No exception in the log.
/// </summary>
public sealed class RestartingGatewayFault : IFaultScenario
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HoldDown = TimeSpan.FromSeconds(6);
    // The loop spends the primary's restart budget (5 faults a minute): it is then retried at backoff-max (10 s) pace, plus the hold-down.
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    public string Fault => "gateway-restarting";

    public TimeSpan FailoverBudget { get; init; } = TimeSpan.FromSeconds(1.5);

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        int restarts = quick ? 2 : 6;
        await using var r = await FaultRig.StartAsync(new RigOptions { FailbackHoldDown = HoldDown }, ct);
        long rigStart = RowClock.Now;
        await r.WaitForPrimaryAsync(learned: false, ct);

        long faultAt = RowClock.Now;
        progress.WriteLine($"faults: {Fault}: the primary's gateway restarts every {Period.TotalSeconds:0} s ({restarts} times, down {Down.TotalSeconds:0} s each), failback hold-down {HoldDown.TotalSeconds:0} s");
        for (int i = 0; i < restarts; i++)
        {
            if (i > 0) await Task.Delay(Period - Down, ct); // the gateway's uptime before its next reboot
            await r.StopPrimaryGatewayAsync(reset: false);
            await Task.Delay(Down, ct); // the gateway's reboot
            r.StartPrimaryGateway();
        }
        // The last start ends the loop: from here the gateway stays up, and the bank must come back after the hold-down.
        long clearAt = RowClock.Now;
        var loop = r.Watch.Failovers(faultAt, clearAt);
        var left = r.Watch.LeftHealthy(faultAt, FaultRig.Primary);
        var failover = r.Watch.FirstFresh(faultAt, FaultRig.Secondary);

        var failback = await r.Watch.WaitForAsync(() => r.Watch.Failovers(clearAt).FirstOrDefault(f => f.Event.IsFailback && f.Event.To == FaultRig.Primary), WaitLimit, ct);
        var recovered = failback is null ? null
            : await r.Watch.WaitForAsync(() => r.Watch.FirstFresh(failback.At, FaultRig.Primary), WaitLimit, ct);
        long end = recovered?.At ?? RowClock.Now;

        int falseFailovers = Math.Max(0, loop.Count - 1) + Math.Max(0, r.Watch.Failovers(clearAt, end).Count - 1);
        var gap = r.Watch.LongestGap(r.Watch.LastFreshBefore(faultAt), end);
        var exceptions = r.Watch.Exceptions(rigStart);
        var snapshot = await r.SnapshotAsync(ct);

        var detection = left is null ? (TimeSpan?)null : RowClock.Between(faultAt, left.At);
        var failoverTime = failover is null ? (TimeSpan?)null : RowClock.Between(faultAt, failover.At);
        var recovery = recovered is null ? (TimeSpan?)null : RowClock.Between(clearAt, recovered.At);

        progress.WriteLine($"faults: {Fault}: longest telemetry gap {gap.Describe(faultAt)} (the fault at 0)");
        var problems = new List<string>();
        if (failoverTime is null) problems.Add("no telemetry through the secondary");
        else if (failoverTime > FailoverBudget) problems.Add($"failover took longer than {BenchFormat.Integer(FailoverBudget.TotalMilliseconds)} ms");
        if (gap.Length > FailoverBudget) problems.Add($"telemetry gap over {BenchFormat.Integer(FailoverBudget.TotalMilliseconds)} ms: {gap.Describe(faultAt)}");
        if (falseFailovers > 0) problems.Add($"{loop.Count} switch(es) during {restarts} restarts: {string.Join("; ", loop.Select(f => $"{f.Event.From}->{f.Event.To}"))}");
        if (recovery is null) problems.Add($"no failback within {WaitLimit.TotalSeconds:0} s once the gateway stayed up");
        else if (snapshot.ActiveAdapter != FaultRig.Primary || snapshot.Adapters.Any(a => a.State != AdapterState.Healthy))
            problems.Add($"after recovery: active {snapshot.ActiveAdapter ?? "none"}");
        if (exceptions.Count > 0) problems.Add($"exception logged: {exceptions[0].Text}");

        string note = problems.Count > 0 ? string.Join("; ", problems) : $"{restarts} restarts, 1 failover, failback after the {HoldDown.TotalSeconds:0} s hold-down";
        return new FaultOutcome(Fault, detection, failoverTime, recovery, falseFailovers, gap.Length, exceptions.Count, Lost: 0, problems.Count == 0, note);
    }
}
