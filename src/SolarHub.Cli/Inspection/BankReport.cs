using System.Globalization;
using SolarHub.Configuration;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SolarHub.Cli.Inspection;

/// <summary><c>solarhub bank &lt;id&gt;</c>: state, alerts raised, adapters, packs, totals and the last failovers of one bank.</summary>
public static class BankReport
{
    public const int FailoversShown = 10;

    /// <param name="alerts">The bank's raised alerts; null when the node has none to tell (an older node): no section then.</param>
    public static IRenderable Render(InspectionConsole console, BankDetails bank, DateTimeOffset now, RaisedAlerts? alerts = null)
    {
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]Bank {Markup.Escape(PrintableText.Escape(bank.Id))}[/]{(string.IsNullOrEmpty(bank.Name) ? "" : ": " + Markup.Escape(PrintableText.Escape(bank.Name)))}"),
            Summary(bank),
            new Text(""),
        };
        if (alerts is not null) parts.AddRange([Alerts(console, alerts, now), new Text("")]);
        parts.AddRange(
        [
            new Markup("[bold]Adapters[/]"),
            Adapters(console, bank.Adapters ?? [], now),
            new Text(""),
            new Markup("[bold]Packs[/]"),
            Packs(console, bank.Packs ?? [], now),
            new Text(""),
            Totals(bank.Totals),
            new Text(""),
        ]);
        parts.AddRange(Failovers(console, bank.Failovers ?? [], now));
        return new Rows(parts);
    }

    private static IRenderable Summary(BankDetails bank)
    {
        var packs = bank.Totals is { } t ? $"   Packs fresh: {Figures.Fraction(t.PacksFresh, t.PacksTotal)}" : "";
        var forced = bank.ForcedAdapter is { } f ? $" [yellow](forced by an operator: {Markup.Escape(f)})[/]" : "";
        var count = bank.FailoverCount is { } n ? $"   Failovers since start: {n}" : "";
        return new Markup($"State: {StateMarkup(bank.State)}   Active adapter: {Markup.Escape(bank.ActiveAdapter ?? "none")}{forced}{packs}{count}");
    }

    private static IRenderable Alerts(InspectionConsole console, RaisedAlerts alerts, DateTimeOffset now)
    {
        var missing = alerts.Unanswered is { Count: > 0 } nodes ? $" [yellow](no answer from {Markup.Escape(string.Join(", ", nodes))})[/]" : "";
        var active = alerts.Active ?? [];
        if (active.Count == 0) return new Markup("[bold]Alerts raised:[/] none" + missing);
        var table = console.NewTable("Rule", "Pack", "Raised ago", "Node", "Message");
        foreach (var a in active.OrderBy(a => a.Pack ?? -1).ThenBy(a => a.Rule, StringComparer.Ordinal))
            table.AddRow(
                Figures.Cell(a.Rule, new Style(Color.Red, decoration: Decoration.Bold)),
                Figures.Cell(a.Pack is { } pack ? pack.ToString(CultureInfo.InvariantCulture) : Figures.Missing),
                Figures.Cell(Figures.Age(a.Since, now)),
                Figures.Cell(a.Node ?? Figures.Missing),
                Figures.Cell(a.Message));
        return new Rows(new Markup($"[bold]Alerts raised[/]{missing}"), table);
    }

    private static IRenderable Adapters(InspectionConsole console, IReadOnlyList<AdapterDetails> adapters, DateTimeOffset now)
    {
        if (adapters.Count == 0) return new Text("no adapter configured");
        var table = console.NewTable("Adapter", "Transport", "Prio", "Enabled", "Active", "State", "Reason", "Heartbeat ago", "Last frame ago",
            "Bytes", "Frames", "Checksum errors", "Discarded bytes", "Restarts", "Last error");
        foreach (var a in adapters.OrderBy(a => a.Priority ?? int.MaxValue).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            table.AddRow(
                Figures.Cell(a.Id, new Style(decoration: Decoration.Bold)),
                Figures.Cell(Transport(a)),
                Figures.Cell(Figures.Number(a.Priority)),
                Figures.Cell(a.Enabled switch { true => "yes", false => "no", null => Figures.Missing }),
                Figures.Cell(a.Active == true ? "*" : "", new Style(Color.Green)),
                Figures.State(a.State),
                Figures.Cell(a.StateReason),
                Figures.Cell(Figures.Age(a.LastHeartbeat, now)),
                Figures.Cell(Figures.Age(a.LastFrameAt, now)),
                Figures.Cell(Figures.Number(a.Bytes)),
                Figures.Cell(Figures.Number(a.Frames)),
                Figures.Cell(Figures.Number(a.ChecksumErrors), a.ChecksumErrors > 0 ? new Style(Color.Yellow) : Style.Plain),
                Figures.Cell(Figures.Number(a.DiscardedBytes), a.DiscardedBytes > 0 ? new Style(Color.Yellow) : Style.Plain),
                Figures.Cell(Figures.Number(a.Restarts), a.Restarts > 0 ? new Style(Color.Yellow) : Style.Plain),
                Figures.Cell(a.LastError, a.LastError is null ? Style.Plain : new Style(Color.Red)));
        }
        return table;
    }

    /// <summary>Protocol and endpoint; older nodes only send a description that repeats the id and priority.</summary>
    private static string Transport(AdapterDetails a)
    {
        if (a.Transport is { Length: > 0 } transport) return a.Protocol is { Length: > 0 } protocol ? $"{protocol} {transport}" : transport;
        var description = a.Description ?? "";
        var prefix = a.Id + " (";
        if (description.StartsWith(prefix, StringComparison.Ordinal) && description.EndsWith(')'))
            description = description[prefix.Length..^1];
        return System.Text.RegularExpressions.Regex.Replace(description, @",\s*priority \d+$", "");
    }

    private static IRenderable Packs(InspectionConsole console, IReadOnlyList<PackDetails> packs, DateTimeOffset now)
    {
        if (packs.Count == 0) return new Text("no pack configured");
        var table = console.NewTable("Pack", "Updated ago", "Fresh", "SOC %", "Voltage V", "Current A", "Power W",
            "Cell min V", "Cell max V", "Delta mV", "Temperatures °C", "Alarms");
        foreach (var p in packs.OrderBy(p => p.Address))
        {
            var v = p.Values;
            table.AddRow(
                Figures.Cell(p.Address.ToString(CultureInfo.InvariantCulture), new Style(decoration: Decoration.Bold)),
                Figures.Cell(Figures.Age(p.UpdatedAt, now)),
                Figures.Cell(p.Stale ? "STALE" : "fresh", new Style(p.Stale ? Color.Red : Color.Green)),
                Figures.Cell(Figures.Number(v?.Soc, "0")),
                Figures.Cell(Figures.Number(v?.PackVoltage, "0.00")),
                Figures.Cell(Figures.Number(v?.Current, "0.00")),
                Figures.Cell(Figures.Number(v?.Power, "0")),
                Figures.Cell(Figures.Number(v?.CellMin, "0.000")),
                Figures.Cell(Figures.Number(v?.CellMax, "0.000")),
                Figures.Cell(Figures.Number(v?.CellDelta * 1000, "0")),
                Figures.Cell(Temperatures(v)),
                Figures.Cell(v?.Alarms is { Count: > 0 } alarms ? string.Join(", ", alarms) : "", new Style(Color.Red)));
        }
        return table;
    }

    private static string Temperatures(PackValues? v)
    {
        if (v is null) return Figures.Missing;
        var all = (v.Temperatures ?? []).Select(t => Figures.Number(t, "0.0")).ToList();
        if (v.MosTemperature is { } mos) all.Add($"MOS {Figures.Number(mos, "0.0")}");
        return all.Count == 0 ? Figures.Missing : string.Join(" ", all);
    }

    private static IRenderable Totals(BankTotals? t)
    {
        if (t is null) return new Text("Totals: -");
        var stale = t.Stale ? "   [red]STALE: no fresh pack, last known figures[/]" : "";
        var alarms = t.Alarms is { Count: > 0 } list ? $"   [red]alarms: {Markup.Escape(string.Join(", ", list))}[/]" : "";
        return new Markup(Markup.Escape(
            $"Totals: {Figures.Number(t.Voltage, "0.00")} V   {Figures.Number(t.Current, "0.00")} A   {Figures.Number(t.Power, "0")} W   " +
            $"SOC {Figures.Number(t.Soc, "0.0")} %   capacity {Figures.Number(t.RemainingCapacity, "0.0")}/{Figures.Number(t.FullCapacity, "0.0")} Ah   " +
            $"cells {Figures.Number(t.CellMin, "0.000")}..{Figures.Number(t.CellMax, "0.000")} V   " +
            $"temperatures {Figures.Number(t.TemperatureMin, "0.0")}..{Figures.Number(t.TemperatureMax, "0.0")} °C") + stale + alarms);
    }

    private static IEnumerable<IRenderable> Failovers(InspectionConsole console, IReadOnlyList<FailoverRecord> failovers, DateTimeOffset now)
    {
        if (failovers.Count == 0)
        {
            yield return new Text("No failovers.");
            yield break;
        }
        var shown = failovers.OrderByDescending(f => f.At).Take(FailoversShown).ToList();
        yield return new Markup(shown.Count < failovers.Count
            ? $"[bold]Last {shown.Count} of {failovers.Count} failovers[/] (newest first; --json for all)"
            : $"[bold]Failovers[/] (newest first)");
        var table = console.NewTable("At", "Ago", "Kind", "From -> To", "Reason", "Data gap");
        foreach (var f in shown)
        {
            table.AddRow(
                Figures.Cell(Figures.Stamp(f.At)),
                Figures.Cell(Figures.Age(f.At, now)),
                Figures.Cell(f.IsFailback ? "failback" : "failover", new Style(f.IsFailback ? Color.Green : Color.Yellow)),
                Figures.Cell($"{f.From ?? "none"} -> {f.To ?? "none"}"),
                Figures.Cell(f.Reason),
                Figures.Cell(f.DurationMs is { } ms ? Figures.Number(ms / 1000, "0.0") + " s" : Figures.Missing));
        }
        yield return table;
    }

    private static string StateMarkup(string? state) => state switch
    {
        null => "-",
        "Healthy" => "[green]Healthy[/]",
        "Degraded" => "[yellow]Degraded[/]",
        "Down" => "[red]Down[/]",
        _ => Markup.Escape(state),
    };
}
