using System.Text.Json;
using System.Text.Json.Nodes;
using SolarHub.Node.Api.Events;

namespace SolarHub.Cli.Inspection;

/// <summary>Which node events a watch shows: one bank's or all, with or without the periodic telemetry.</summary>
public sealed record EventFilter(string? BankId, bool BankTelemetry, bool PackTelemetry)
{
    /// <summary>The kinds to ask the node for (<c>?kinds=</c>), so it does not send telemetry this view drops.</summary>
    public IReadOnlyList<string> Kinds =>
    [
        .. BankTelemetry ? [EventKinds.BankTelemetry] : Array.Empty<string>(),
        .. PackTelemetry ? [EventKinds.PackTelemetry] : Array.Empty<string>(),
        EventKinds.AdapterState, EventKinds.Failover, EventKinds.BankAlarm, EventKinds.AlertRaised, EventKinds.AlertCleared,
    ];

    public bool Accepts(ServerSentEvent e)
    {
        if (e.Kind == EventKinds.BankTelemetry && !BankTelemetry) return false;
        if (e.Kind == EventKinds.PackTelemetry && !PackTelemetry) return false;
        if (BankId is null) return true;
        // The node filters with ?bank= too; checking here keeps the view right with a node that does not.
        try { return JsonNode.Parse(e.Data)?["bankId"] is not JsonValue v || !v.TryGetValue<string>(out var id) || id == BankId; }
        catch (JsonException) { return true; }
    }
}
