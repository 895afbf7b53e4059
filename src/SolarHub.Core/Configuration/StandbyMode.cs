namespace SolarHub.Core.Configuration;

/// <summary>What the bank does with adapters that are not active.</summary>
public enum StandbyMode
{
    /// <summary>Every enabled adapter runs; only the active one feeds telemetry. Fastest failover and failback.</summary>
    Hot,
    /// <summary>Standbys run for a probe window every probe interval, to know whether they are healthy.</summary>
    Probe,
    /// <summary>Standbys are started only when needed (an active-mode adapter sharing a bus with a JK master must be cold).</summary>
    Cold,
}
