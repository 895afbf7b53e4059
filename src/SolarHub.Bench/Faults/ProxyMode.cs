namespace SolarHub.Bench.Faults;

/// <summary>What a <see cref="FaultProxy"/> does with the bytes between hub and gateway.</summary>
public enum ProxyMode
{
    /// <summary>Passes every byte both ways.</summary>
    Relay,
    /// <summary>Passes nothing, closes nothing: a peer that vanished without FIN or RST.</summary>
    Frozen,
    /// <summary>Drops the gateway's bytes and sends the hub random ones.</summary>
    Garbage,
}
