using System.Text.Json.Serialization;
using SolarHub.Core.Alerts;
using SolarHub.Core.Wire;

namespace SolarHub.Core.Telemetry;

/// <summary>
/// A bank event (<see cref="PackTelemetry"/>, <see cref="BankTelemetry"/>, <see cref="AdapterStateChanged"/>,
/// <see cref="FailoverOccurred"/>, <see cref="BankAlarm"/>, <see cref="BankEnergy"/>, and the alert watcher's <see cref="AlertRaised"/>
/// and <see cref="AlertCleared"/> for the banks of its node) published on <see cref="Node"/>, the node that runs the bank,
/// and relayed to the event stream of the cluster's other nodes. Wrapped, never republished raw: what follows a raw
/// event (the history) must see only its own node's banks, each sample written once.
/// </summary>
public sealed record RelayedBankEvent(string Node, [property: JsonConverter(typeof(WireEventConverter))] object Event)
{
    /// <summary>The events a bank publishes that are relayed across a cluster.</summary>
    public static IReadOnlyList<Type> Relayed { get; } =
        [typeof(PackTelemetry), typeof(BankTelemetry), typeof(AdapterStateChanged), typeof(FailoverOccurred), typeof(BankAlarm), typeof(BankEnergy),
            typeof(AlertRaised), typeof(AlertCleared)];
}
