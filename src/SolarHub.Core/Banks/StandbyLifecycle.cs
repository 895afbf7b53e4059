using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>
/// Which adapters run besides the active one. Hot: all of them, for the fastest failover. Cold and probe: the active
/// one, and while it is missing or unhealthy the next one that may help, one at a time (a cold standby may share its
/// bus with a JK master and must not poll it for nothing). Probe also starts better-ranked standbys for a window now
/// and then, to learn whether they are healthy again, and stops them when they are not.
/// </summary>
public sealed class StandbyLifecycle(StandbyMode mode, TimeSpan probeWindow)
{
    private readonly Dictionary<string, DateTimeOffset> _probeUntil = new();

    /// <summary>The adapters to start now, in the order to start them.</summary>
    public IReadOnlyList<AdapterTracker> ToStart(IEnumerable<AdapterTracker> adapters, AdapterTracker? active)
    {
        var order = adapters.OrderBy(t => t.Rank).ToList();
        if (mode == StandbyMode.Hot) return order.Where(t => !t.IsRunning).ToList();

        var start = new List<AdapterTracker>();
        // A stopped active adapter is not healthy: once started it is connecting, and the next one may be needed too.
        if (active is not null && !active.IsRunning) start.Add(active);
        else if (active is { State: AdapterState.Healthy }) return start;
        if (order.Any(t => t.IsRunning && t != active && t.State is AdapterState.Connecting or AdapterState.Receiving)) return start;
        var next = order.FirstOrDefault(t => !t.IsRunning && t != active);
        if (next is not null) start.Add(next);
        return start;
    }

    /// <summary>Probe mode, every probe interval: the stopped adapters ranked above the active one, each to run until its window ends.</summary>
    public IReadOnlyList<AdapterTracker> ProbesToStart(IEnumerable<AdapterTracker> adapters, AdapterTracker? active, DateTimeOffset now)
    {
        var probes = adapters.Where(a => !a.IsRunning && (active is null || a.Rank < active.Rank)).ToList();
        foreach (var t in probes) _probeUntil[t.Id] = now + probeWindow;
        return probes;
    }

    /// <summary>Probes whose window ended without making them healthy (nor active): to stop again.</summary>
    public IReadOnlyList<AdapterTracker> ProbesOver(BankAdapters adapters, string? active, DateTimeOffset now)
    {
        var over = new List<AdapterTracker>();
        foreach (var (id, until) in _probeUntil.ToList())
        {
            if (now < until) continue;
            _probeUntil.Remove(id);
            if (adapters.Find(id) is { } probed && probed.State != AdapterState.Healthy && probed.Id != active) over.Add(probed);
        }
        return over;
    }
}
