namespace SolarHub.Core.Telemetry;

public enum AdapterState
{
    /// <summary>Disabled in configuration, or a cold standby not started.</summary>
    Stopped,
    /// <summary>Opening its transport.</summary>
    Connecting,
    /// <summary>Connected and receiving, but not yet a complete set of fresh data.</summary>
    Receiving,
    /// <summary>Delivers fresh data for the bank's packs.</summary>
    Healthy,
    /// <summary>Connected (or beating) without valid frames past the data deadline; reconnecting.</summary>
    Silent,
    /// <summary>Its transport failed; restarting with backoff.</summary>
    Restarting,
    /// <summary>Crashed more often than the restart budget allows; still retried at the slowest backoff.</summary>
    Failed,
}
