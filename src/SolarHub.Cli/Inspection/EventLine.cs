using System.Text.Json;
using System.Text.Json.Nodes;
using SolarHub.Node.Api.Events;

namespace SolarHub.Cli.Inspection;

/// <summary>One line per node event, for <c>solarhub watch</c> (also the --json form: the event's JSON on one line with its kind).</summary>
public static class EventLine
{
    public static string Format(ServerSentEvent e)
    {
        JsonObject? o;
        try { o = JsonNode.Parse(e.Data) as JsonObject; }
        catch (JsonException) { o = null; }
        if (o is null) return $"{e.Kind} {e.Data}";

        var at = Time(o, e.Kind == EventKinds.PackTelemetry ? "updatedAt" : "at");
        var bank = Str(o, "bankId") ?? "?";
        var text = e.Kind switch
        {
            EventKinds.BankTelemetry =>
                $"{Str(o, "state")} active={Str(o, "activeAdapter") ?? "none"} packs {Figures.Fraction(Int(o, "packsFresh"), Int(o, "packsTotal"))} fresh" +
                $"{(Bool(o, "stale") ? " STALE" : "")}  {Figures.Number(Num(o, "voltage"), "0.00")} V {Figures.Number(Num(o, "current"), "0.00")} A " +
                $"{Figures.Number(Num(o, "power"), "0")} W  SOC {Figures.Number(Num(o, "soc"), "0.0")} %",
            EventKinds.PackTelemetry =>
                $"pack {Int(o, "address")} via {Str(o, "adapterId") ?? "-"}{(Bool(o, "stale") ? " STALE" : "")}  {Figures.Number(Num(o, "packVoltage"), "0.00")} V " +
                $"{Figures.Number(Num(o, "current"), "0.00")} A  SOC {Figures.Number(Num(o, "soc"), "0")} %  " +
                $"cells {Figures.Number(Num(o, "cellMin"), "0.000")}..{Figures.Number(Num(o, "cellMax"), "0.000")} V",
            EventKinds.AdapterState =>
                $"adapter {Str(o, "adapterId")}: {Str(o, "from")} -> {Str(o, "to")} ({Str(o, "reason")})",
            EventKinds.Failover =>
                $"{(Bool(o, "isFailback") ? "FAILBACK" : "FAILOVER")} {Str(o, "from") ?? "none"} -> {Str(o, "to") ?? "none"}: {Str(o, "reason")}" +
                (Num(o, "durationMs") is { } ms ? $" ({Figures.Number(ms / 1000, "0.0")} s)" : ""),
            EventKinds.BankAlarm =>
                $"{(Bool(o, "cleared") ? "alarm cleared" : "ALARM")} {Str(o, "kind")}: {Str(o, "message")}",
            EventKinds.AlertRaised => $"ALERT {Str(o, "rule")}: {Str(o, "message")}",
            EventKinds.AlertCleared => $"alert cleared {Str(o, "rule")}: {Str(o, "message")}",
            _ => $"{e.Kind} {o.ToJsonString()}",
        };
        return $"{(at is { } t ? Figures.Clock(t) : "--:--:--")} {bank} {text}";
    }

    /// <summary>The --json form: <c>{"kind":"failover","data":{...}}</c>, the data as the node sent it.</summary>
    public static string Json(ServerSentEvent e) => $"{{\"kind\":{JsonSerializer.Serialize(e.Kind)},\"data\":{e.Data.Replace('\n', ' ')}}}";

    private static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static double? Num(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static int? Int(JsonObject o, string name) => Num(o, name) is { } d ? (int)d : null;

    private static DateTimeOffset? Time(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var t) ? t : null;
}
