using System.Collections.Frozen;
using SolarHub.Core.Adapters;
using SolarHub.Core.Alerts;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Wire;

/// <summary>
/// The messages that cross nodes and the stable name each travels under (the serializer's manifest). Names are part
/// of the protocol between nodes of different versions: never rename one; a new message is one more row.
/// </summary>
public static class WireTypes
{
    /// <summary>One message type; <paramref name="Singleton"/> is the instance a message without data is read back as.</summary>
    public sealed record Row(Type Type, string Name, object? Singleton = null);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        // adapter protocol
        new(typeof(AdapterConnected), "adapter-connected"),
        new(typeof(AdapterHeartbeat), "adapter-heartbeat"),
        new(typeof(AdapterFaulted), "adapter-faulted"),
        new(typeof(PackReadingReceived), "pack-reading-received"),
        new(typeof(PackDeviceInfoReceived), "pack-device-info-received"),
        new(typeof(ReconnectAdapter), "reconnect-adapter"),
        new(typeof(ReportHeartbeat), "report-heartbeat", ReportHeartbeat.Instance),
        new(typeof(RetryUrgency), "retry-urgency"),
        new(typeof(StartAdapterHere), "start-adapter-here"),
        new(typeof(AdapterStartedHere), "adapter-started-here"),
        // bank protocol
        new(typeof(BankEnvelope), "bank-envelope"),
        new(typeof(GetBankSnapshot), "get-bank-snapshot", GetBankSnapshot.Instance),
        new(typeof(GetBankIds), "get-bank-ids", GetBankIds.Instance),
        new(typeof(BankIds), "bank-ids"),
        new(typeof(BankNotFound), "bank-not-found"),
        new(typeof(ApplyBankConfig), "apply-bank-config"),
        new(typeof(BankSnapshot), "bank-snapshot"),
        new(typeof(ForceActiveAdapter), "force-active-adapter"),
        new(typeof(ReleaseForcedAdapter), "release-forced-adapter"),
        new(typeof(SetAdapterEnabled), "set-adapter-enabled"),
        new(typeof(AdapterCommandDone), "adapter-command-done"),
        new(typeof(AdapterCommandRefused), "adapter-command-refused"),
        new(typeof(AdapterNotFound), "adapter-not-found"),
        // events
        new(typeof(PackTelemetry), "pack-telemetry"),
        new(typeof(BankTelemetry), "bank-telemetry"),
        new(typeof(AdapterStateChanged), "adapter-state-changed"),
        new(typeof(FailoverOccurred), "failover-occurred"),
        new(typeof(BankAlarm), "bank-alarm"),
        new(typeof(BankEnergy), "bank-energy"),
        new(typeof(RelayedBankEvent), "relayed-bank-event"),
        new(typeof(AlertRaised), "alert-raised"),
        new(typeof(AlertCleared), "alert-cleared"),
        // alert watcher protocol (GET /api/alerts on a cluster node asks every member's)
        new(typeof(GetAlerts), "get-alerts", GetAlerts.Instance),
        new(typeof(AlertsReport), "alerts-report"),
    ];

    private static readonly FrozenDictionary<Type, Row> ByType = Rows.ToFrozenDictionary(r => r.Type);
    private static readonly FrozenDictionary<string, Row> ByName = Rows.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The types to bind to the serializer (Akka.Hosting's <c>WithCustomSerializer</c>).</summary>
    public static IReadOnlyList<Type> All { get; } = Rows.Select(r => r.Type).ToArray();

    public static bool TryGet(Type type, out Row row) => ByType.TryGetValue(type, out row!);

    public static bool TryGet(string name, out Row row) => ByName.TryGetValue(name, out row!);
}
