using System.Text.Json;
using System.Text.Json.Nodes;

namespace SolarHub.Cli.Inspection;

/// <summary>Which node events a watch shows: one bank's or all, with or without the periodic telemetry.</summary>
public sealed record EventFilter(string? BankId, bool BankTelemetry, bool PackTelemetry)
{
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
