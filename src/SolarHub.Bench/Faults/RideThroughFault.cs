namespace SolarHub.Bench.Faults;

/// <summary>
/// A fault the bank must ride through without switching adapters: with the primary active and both adapters healthy,
/// the fault is injected and held for the observation period, then cleared. Survived when no failover happened, the
/// telemetry of the packs that stay live never paused longer than <see cref="MaxGap"/> nor went stale, no exception
/// was logged, and the row's own checks held: <see cref="During"/> (what the fault must show, e.g. the dead pack going
/// stale: its time is the detection), <see cref="Effect"/> (proof the fault really reached the hub, so a row cannot
/// pass because nothing happened) and <see cref="After"/> (what must come back once cleared: its time is the recovery).
/// </summary>
public sealed class RideThroughFault(string fault, RigOptions rig, Func<FaultRig, Task<string>> inject, Func<FaultRig, Task> clear) : IFaultScenario
{
    public string Fault => fault;

    /// <summary>The packs that must stay live throughout (all configured ones unless the fault takes one away).</summary>
    public IReadOnlyList<byte> LivePacks { get; init; } = FaultRig.ConfiguredPacks;

    /// <summary>The longest pause of the live packs' telemetry the row accepts (a pack is read every ~0.4 s).</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// In the full run, wait until the primary learned its bus's rhythm first, so a fault that stretches the gaps between
    /// reads meets a learned bound, as on a bus that ran a while (10 s more per row: the quick run leaves it out).
    /// </summary>
    public bool LearnedRhythm { get; init; }

    public Func<FaultRig, long, CancellationToken, Task<Finding>>? During { get; init; }

    public Func<FaultRig, long, CancellationToken, Task<Finding>>? Effect { get; init; }

    public Func<FaultRig, long, CancellationToken, Task<Finding>>? After { get; init; }

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        var observe = quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(15);
        await using var r = await FaultRig.StartAsync(rig, ct);
        long rigStart = RowClock.Now;
        await r.WaitForPrimaryAsync(LearnedRhythm && !quick, ct);

        long faultAt = RowClock.Now;
        string what = await inject(r);
        progress.WriteLine($"faults: {fault}: injected ({what})");
        var during = During is null ? Finding.Held() : await During(r, faultAt, ct);
        var left = observe - RowClock.Since(faultAt);
        if (left > TimeSpan.Zero) await Task.Delay(left, ct); // the observation period: the fault lasts, nothing may switch
        var effect = Effect is null ? Finding.Held() : await Effect(r, faultAt, ct);

        long clearAt = RowClock.Now;
        await clear(r);
        var after = After is null ? Finding.Held() : await After(r, clearAt, ct);
        long end = RowClock.Now;

        var live = LivePacks.ToHashSet();
        int falseFailovers = r.Watch.Failovers(faultAt, end).Count;
        var gap = r.Watch.LongestGap(r.Watch.LastFreshBefore(faultAt), clearAt, live.Contains);
        bool staleLive = r.Watch.AnyStale(faultAt, end, live.Contains);
        var exceptions = r.Watch.Exceptions(rigStart);

        progress.WriteLine($"faults: {fault}: longest telemetry gap {gap.Describe(faultAt)} (the fault at 0)");
        var problems = new List<string>();
        if (falseFailovers > 0) problems.Add($"{falseFailovers} failover(s): {r.Watch.Failovers(faultAt, end)[0].Event.Reason}");
        if (gap.Length > MaxGap) problems.Add($"telemetry gap over {BenchFormat.Integer(MaxGap.TotalMilliseconds)} ms: {gap.Describe(faultAt)}");
        if (staleLive) problems.Add("a live pack went stale");
        if (exceptions.Count > 0) problems.Add($"exception logged: {exceptions[0].Text}");
        foreach (var finding in new[] { during, effect, after })
            if (finding.Problem is not null) problems.Add(finding.Problem);

        var details = new[] { during, effect, after }.Select(f => f.Detail).OfType<string>();
        string note = problems.Count > 0 ? string.Join("; ", problems) : string.Join("; ", details.Prepend("no failover"));
        return new FaultOutcome(fault, during.Time, Failover: null, after.Time, falseFailovers, gap.Length, exceptions.Count, Lost: 0, problems.Count == 0, note);
    }
}
