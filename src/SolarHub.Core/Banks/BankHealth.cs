using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>
/// The bank's state, from its active adapter and its packs' freshness, and the all-adapters-down alarm that goes with
/// it. A young bank is Starting rather than Down: its adapters get the complete-set grace and a data deadline to deliver.
/// </summary>
public sealed class BankHealth(string bankId, DateTimeOffset startedAt, BankTimings timings)
{
    public BankState State { get; private set; } = BankState.Starting;

    /// <summary>Past the startup grace the bank stops waiting for its preferred adapter.</summary>
    public bool StartupGraceOver(DateTimeOffset now) => now - startedAt >= timings.CompleteSetGrace;

    /// <summary>Updates <see cref="State"/>; returns the alarm to publish when the bank went down or came back, else null.</summary>
    /// <param name="active">The active adapter; null while none ever was (or the active one left the configuration).</param>
    public BankAlarm? Reassess(AdapterTracker? active, bool anyFresh, bool allFresh, DateTimeOffset now)
    {
        bool activeHealthy = active is { State: AdapterState.Healthy };
        var state = activeHealthy && allFresh && active!.Rank == 0 ? BankState.Healthy
            : anyFresh || activeHealthy ? BankState.Degraded
            : active is null && now - startedAt < timings.CompleteSetGrace + timings.DataDeadline ? BankState.Starting
            : BankState.Down;
        if (state == State) return null;
        var previous = State;
        State = state;
        if (state == BankState.Down)
            return new BankAlarm(bankId, now, BankAlarmKind.AllAdaptersDown, "no adapter delivers data: telemetry is stale", Cleared: false);
        if (previous == BankState.Down)
            return new BankAlarm(bankId, now, BankAlarmKind.AllAdaptersDown, $"data flows again through {active?.Id}", Cleared: true);
        return null;
    }
}
