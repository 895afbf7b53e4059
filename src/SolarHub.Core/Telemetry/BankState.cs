namespace SolarHub.Core.Telemetry;

public enum BankState
{
    /// <summary>Adapters are connecting; no adapter has delivered a complete set of data yet.</summary>
    Starting,
    /// <summary>The active adapter is healthy and every pack is fresh.</summary>
    Healthy,
    /// <summary>Data flows, but some pack is stale or the active adapter is not the preferred one.</summary>
    Degraded,
    /// <summary>No adapter delivers data: telemetry is stale, an alarm is raised.</summary>
    Down,
}
