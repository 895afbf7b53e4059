using SolarHub.Core.Telemetry;

namespace SolarHub.Bench.Faults;

/// <summary>
/// A fault the bank must fail over from and come back after: with the primary active and both adapters healthy, the
/// fault is injected on the primary's side at a random point of the polling cycle and held; then cleared. Survived when
/// the primary left Healthy, telemetry came through the secondary within <see cref="FailoverBudget"/>, the longest
/// telemetry gap stayed within that budget too, the bank failed back to the primary after the fault cleared, and it
/// did so without any other switch (a failback to the still faulty primary, a second failover) and without an exception
/// in the log.
/// </summary>
public sealed class FailoverFault(string fault, RigOptions rig, Func<FaultRig, Task<string>> inject, Func<FaultRig, Task>? clear) : IFaultScenario
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public string Fault => fault;

    /// <summary>The longest failover and telemetry gap the row accepts (the bank's own deadline for this kind of fault, plus slack for a loaded machine).</summary>
    public TimeSpan FailoverBudget { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Wait until the primary learned its bus's rhythm first: a silence is then noticed from it, not from the data deadline.</summary>
    public bool LearnedRhythm { get; init; }

    /// <summary>What the bank's switch reason must contain, e.g. "lost its connection" (null: any reason): the fault was noticed the way it should be.</summary>
    public string? ExpectedReason { get; init; }

    // What the bank needs beyond the learned silence: the silence clock's tick, the read's last look (StallGrace) and the
    // switch to the hot standby take about 0.1-0.2 s; the rest is room for a loaded machine.
    private static readonly TimeSpan RhythmSlack = TimeSpan.FromMilliseconds(500);

    public async Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct)
    {
        // A clear that is a no-op (a one-shot fault such as a reset) clears at once.
        var hold = clear is null ? TimeSpan.Zero : quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);
        await using var r = await FaultRig.StartAsync(rig, ct);
        long rigStart = RowClock.Now;
        // The quick run (the tests', on a loaded machine) gives the rhythm a minute and then goes on without it.
        await r.WaitForPrimaryAsync(LearnedRhythm && !quick, ct);
        if (LearnedRhythm && quick) await WaitForRhythmAsync(r, QuickLearnLimit, ct);
        // Land the fault anywhere in the polling cycle, not right after a frame.
        await Task.Delay(Random.Shared.Next(0, 390), ct);

        var (budget, expectedReason) = LearnedRhythm ? await RhythmBudgetAsync(r, progress, ct) : (FailoverBudget, ExpectedReason);
        long faultAt = RowClock.Now;
        string what = await inject(r);
        progress.WriteLine($"faults: {fault}: injected ({what})");
        // Both waits end at one deadline well past the budget: a fault that is never noticed costs seconds, not minutes.
        var noticeLimit = budget + TimeSpan.FromSeconds(5);
        var left = await r.Watch.WaitForAsync(() => r.Watch.LeftHealthy(faultAt, FaultRig.Primary), noticeLimit - RowClock.Since(faultAt), ct);
        var failover = await r.Watch.WaitForAsync(() => r.Watch.FirstFresh(faultAt, FaultRig.Secondary), noticeLimit - RowClock.Since(faultAt), ct);
        if (hold > TimeSpan.Zero) await Task.Delay(hold, ct); // the fault lasts a while: nothing may switch back meanwhile

        long clearAt = clear is null ? faultAt : RowClock.Now;
        if (clear is not null) await clear(r);
        var failback = failover is null ? null : await r.Watch.WaitForAsync(() => r.Watch.Failovers(clearAt).FirstOrDefault(f => f.Event.IsFailback && f.Event.To == FaultRig.Primary), WaitLimit, ct);
        var recovered = failback is null ? null
            : await r.Watch.WaitForAsync(() => r.Watch.FirstFresh(failback.At, FaultRig.Primary), WaitLimit, ct);
        long end = recovered?.At ?? RowClock.Now;

        var switched = r.Watch.Failovers(faultAt, end).FirstOrDefault(f => !f.Event.IsFailback);
        // One switch away and one back are the fault's; any other is a false one.
        int switches = r.Watch.Failovers(faultAt, end).Count;
        int expected = (switched is null ? 0 : 1) + (failback is null ? 0 : 1);
        int falseFailovers = Math.Max(0, switches - expected);
        var gap = r.Watch.LongestGap(r.Watch.LastFreshBefore(faultAt), end);
        var exceptions = r.Watch.Exceptions(rigStart);
        var snapshot = await r.SnapshotAsync(ct);

        var detection = left is null ? (TimeSpan?)null : RowClock.Between(faultAt, left.At);
        var failoverTime = failover is null ? (TimeSpan?)null : RowClock.Between(faultAt, failover.At);
        var recovery = recovered is null ? (TimeSpan?)null : RowClock.Between(clearAt, recovered.At);

        progress.WriteLine($"faults: {fault}: longest telemetry gap {gap.Describe(faultAt)} (the fault at 0)");
        var problems = new List<string>();
        if (detection is null) problems.Add("the primary never left Healthy");
        if (failoverTime is null) problems.Add($"no telemetry through the secondary within {noticeLimit.TotalSeconds:0.#} s");
        else if (failoverTime > budget) problems.Add($"failover took longer than {BenchFormat.Integer(budget.TotalMilliseconds)} ms");
        if (expectedReason is not null && switched is not null && !switched.Event.Reason.Contains(expectedReason, StringComparison.Ordinal))
            problems.Add($"switched for another reason than '{expectedReason}': {switched.Event.Reason}");
        if (gap.Length > budget) problems.Add($"telemetry gap over {BenchFormat.Integer(budget.TotalMilliseconds)} ms: {gap.Describe(faultAt)}");
        if (recovery is null && failoverTime is not null) problems.Add($"no failback to the primary within {WaitLimit.TotalSeconds:0} s of clearing");
        else if (snapshot.ActiveAdapter != FaultRig.Primary || snapshot.Adapters.Any(a => a.State != AdapterState.Healthy))
            problems.Add($"after recovery: active {snapshot.ActiveAdapter ?? "none"}, {string.Join(", ", snapshot.Adapters.Select(a => $"{a.Id} {a.State}"))}");
        if (falseFailovers > 0) problems.Add($"{falseFailovers} extra switch(es): {string.Join("; ", r.Watch.Failovers(faultAt, end).Select(f => $"{f.Event.From}->{f.Event.To}"))}");
        if (exceptions.Count > 0) problems.Add($"exception logged: {exceptions[0].Text}");

        string note = problems.Count > 0 ? string.Join("; ", problems) : switched?.Event.Reason ?? "";
        return new FaultOutcome(fault, detection, failoverTime, recovery, falseFailovers, gap.Length, exceptions.Count, Lost: 0, problems.Count == 0, note);
    }

    /// <summary>
    /// The budget and the expected reason of a row that waits for a learned rhythm, from what the primary allows just
    /// before the fault. The bank promises to notice a silence longer than its learned bound (SilenceAfter), which a stall
    /// of the machine while it learned can stretch well past the usual half-second (in one CI run the rhythm noticed a
    /// half-open link after 1.9 s): the budget is that bound plus <see cref="RhythmSlack"/>, never less than
    /// <see cref="FailoverBudget"/>. A longer stall leaves the rhythm unknown for some 1,000 reads (a gap whose bound would
    /// reach the data deadline); the bank then notices from its data deadline, and so is the row judged.
    /// </summary>
    private async Task<(TimeSpan Budget, string? ExpectedReason)> RhythmBudgetAsync(FaultRig r, TextWriter progress, CancellationToken ct)
    {
        if (await SilenceAllowedAsync(r, ct) is not { } allowed)
        {
            progress.WriteLine($"faults: {fault}: the primary's rhythm is unknown (the machine stalled while it learned): judged against the data deadline, " +
                $"budget {BenchFormat.Integer(BankFaults.DataDeadlineBudget.TotalMilliseconds)} ms");
            return (BankFaults.DataDeadlineBudget, BankFaults.WentSilent);
        }
        var budget = allowed + RhythmSlack > FailoverBudget ? allowed + RhythmSlack : FailoverBudget;
        progress.WriteLine($"faults: {fault}: the primary's rhythm allows {BenchFormat.Integer(allowed.TotalMilliseconds)} ms of silence; budget {BenchFormat.Integer(budget.TotalMilliseconds)} ms");
        return (budget, ExpectedReason);
    }

    private static readonly TimeSpan QuickLearnLimit = TimeSpan.FromSeconds(60);

    private static async Task WaitForRhythmAsync(FaultRig r, TimeSpan limit, CancellationToken ct)
    {
        long start = RowClock.Now;
        while (RowClock.Since(start) < limit && await SilenceAllowedAsync(r, ct) is null)
            await Task.Delay(200, ct); // a bounded poll of the bank's own state
    }

    private static async Task<TimeSpan?> SilenceAllowedAsync(FaultRig r, CancellationToken ct) =>
        (await r.SnapshotAsync(ct)).Adapters.Single(a => a.Id == FaultRig.Primary).SilenceAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
