namespace SolarHub.Node.Api.Events;

/// <summary>The kinds of <c>GET /api/events</c> (the <c>event:</c> field of each server-sent event), for the node and its clients.</summary>
public static class EventKinds
{
    public const string PackTelemetry = "pack-telemetry";
    public const string BankTelemetry = "bank-telemetry";
    public const string AdapterState = "adapter-state";
    public const string Failover = "failover";
    public const string BankAlarm = "bank-alarm";
    public const string Energy = "energy";
    public const string AlertRaised = "alert-raised";
    public const string AlertCleared = "alert-cleared";

    /// <summary>Events that change something (as opposed to the periodic telemetry).</summary>
    public static bool IsNotable(string kind) => kind is AdapterState or Failover or BankAlarm or AlertRaised or AlertCleared;
}
