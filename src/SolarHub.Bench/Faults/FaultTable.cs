using System.Globalization;

namespace SolarHub.Bench.Faults;

/// <summary>The rows of <c>bench faults</c> as a table (times in ms, "-" where a time does not apply): aligned text for the console, Markdown for docs/reliability.md.</summary>
public static class FaultTable
{
    private static readonly string[] Headers = ["fault", "survived", "detection ms", "failover ms", "recovery ms", "false failovers", "telemetry gap ms", "exceptions", "lost", "note"];

    public static IReadOnlyList<string> Render(IReadOnlyList<FaultOutcome> rows)
    {
        var cells = rows.Select(Cells).ToList();
        // Every column but the last (the note) padded to its widest cell.
        var widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] c) => string.Join("  ", c.Select((s, i) => i == c.Length - 1 ? s : s.PadRight(widths[i]))).TrimEnd();
        return [Line(Headers), .. cells.Select(Line)];
    }

    public static IReadOnlyList<string> Markdown(IReadOnlyList<FaultOutcome> rows) =>
    [
        "| " + string.Join(" | ", Headers) + " |",
        "|" + string.Concat(Headers.Select(_ => "---|")),
        .. rows.Select(r => "| " + string.Join(" | ", Cells(r).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |"),
    ];

    private static string[] Cells(FaultOutcome r) =>
    [
        r.Fault, r.Survived ? "yes" : "NO", Ms(r.Detection), Ms(r.Failover), Ms(r.Recovery), Count(r.FalseFailovers),
        Ms(r.TelemetryGap), Count(r.ExceptionsLogged), Count(r.Lost), r.Note,
    ];

    private static string Ms(TimeSpan? value) => value is { } v ? BenchFormat.Integer(v.TotalMilliseconds) : "-";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
