using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>What a tick found wrong (or right) with one adapter.</summary>
public enum AdapterFinding
{
    /// <summary>Nothing changes.</summary>
    None,
    /// <summary>Its loop stopped beating past the heartbeat timeout: restart it.</summary>
    LoopDead,
    /// <summary>Connected without a valid frame past the data deadline: silent, told to reconnect.</summary>
    Silent,
    /// <summary>Receiving, and now with a complete set of fresh data: healthy.</summary>
    CompleteSet,
}

/// <param name="AskForHeartbeat">Its loop decoded nothing since the previous tick: ask it to beat (its readings beat for it otherwise).</param>
public sealed record AdapterVerdict(AdapterFinding Finding, string Reason, bool AskForHeartbeat)
{
    public static AdapterVerdict Nothing { get; } = new(AdapterFinding.None, "", AskForHeartbeat: false);
}

/// <summary>
/// Judges an adapter only by what its tracker recorded from its reports: heartbeats say its loop lives, frames say it
/// delivers. The bank acts on the verdict; the judge never touches an actor.
/// </summary>
public sealed class AdapterJudge(BankTimings timings)
{
    /// <summary>
    /// It has decoded every pack of the bank since it connected, or it has decoded some for the complete-set grace: a
    /// pack missing on the bus must not keep every adapter unhealthy forever.
    /// </summary>
    public bool HasCompleteSet(AdapterTracker t, IEnumerable<byte> packs, DateTimeOffset now)
    {
        if (t.PacksSeenMask == 0) return false;
        bool all = packs.All(a => (t.PacksSeenMask & (1 << a)) != 0);
        return all || (t.FirstFrameAt is { } first && now - first >= timings.CompleteSetGrace);
    }

    /// <summary>Its readings so far make a receiving adapter healthy.</summary>
    public bool BecomesHealthy(AdapterTracker t, IEnumerable<byte> packs, DateTimeOffset now) =>
        t.State == AdapterState.Receiving && HasCompleteSet(t, packs, now);

    /// <summary>The tick's verdict on a running adapter.</summary>
    public AdapterVerdict OnTick(AdapterTracker t, IEnumerable<byte> packs, JudgingWindow window, DateTimeOffset now)
    {
        if (t.State is AdapterState.Restarting or AdapterState.Failed) return AdapterVerdict.Nothing; // the backoff supervisor owns that wait
        var lastBeat = window.SilentSince(t.LastHeartbeat ?? t.StartedAt ?? now);
        if (now - lastBeat > timings.HeartbeatTimeout)
            return new AdapterVerdict(AdapterFinding.LoopDead, $"loop dead: no heartbeat for {(now - lastBeat).TotalSeconds:0.0} s", AskForHeartbeat: false);

        var finding = AdapterFinding.None;
        string reason = "";
        if (t.State is AdapterState.Receiving or AdapterState.Healthy)
        {
            var lastData = window.SilentSince(t.LastFrameAt ?? t.ConnectedAt ?? now);
            if (now - lastData > timings.DataDeadline)
                return new AdapterVerdict(AdapterFinding.Silent, $"no valid frame for {(now - lastData).TotalSeconds:0.0} s", AskForHeartbeat: false);
            if (BecomesHealthy(t, packs, now)) (finding, reason) = (AdapterFinding.CompleteSet, "fresh data for every pack that answers");
        }
        bool quiet = t.LastHeartbeat is not { } beat || beat <= window.PreviousTick;
        return finding == AdapterFinding.None && !quiet ? AdapterVerdict.Nothing : new AdapterVerdict(finding, reason, quiet);
    }
}
