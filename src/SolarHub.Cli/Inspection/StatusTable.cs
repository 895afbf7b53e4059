using Spectre.Console;
using Spectre.Console.Rendering;

namespace SolarHub.Cli.Inspection;

/// <summary><c>solarhub status</c>'s table: one row per bank.</summary>
public static class StatusTable
{
    public static IRenderable Render(InspectionConsole console, IReadOnlyList<BankSummary> banks, string url)
    {
        if (banks.Count == 0) return new Text($"The node at {url} runs no bank.");
        var table = console.NewTable("Bank", "Name", "State", "Active adapter", "Adapters healthy", "Packs fresh", "SOC %", "Power W", "Voltage V", "Current A");
        foreach (var b in banks)
        {
            bool someStale = b.PacksFresh < b.PacksTotal;
            table.AddRow(
                Figures.Cell(b.Id, new Style(decoration: Decoration.Bold)),
                Figures.Cell(b.Name),
                Figures.State(b.State),
                Figures.Cell(b.ActiveAdapter ?? "none", b.ActiveAdapter is null ? new Style(Color.Red) : Style.Plain),
                Figures.Cell(Figures.Fraction(b.AdaptersHealthy, b.AdaptersTotal), b.AdaptersHealthy < b.AdaptersTotal ? new Style(Color.Yellow) : Style.Plain),
                Figures.Cell(Figures.Fraction(b.PacksFresh, b.PacksTotal), someStale ? new Style(Color.Yellow) : Style.Plain),
                Figures.Cell(Figures.Number(b.Soc, "0.0")),
                Figures.Cell(Figures.Number(b.Power, "0")),
                Figures.Cell(Figures.Number(b.Voltage, "0.00")),
                Figures.Cell(Figures.Number(b.Current, "0.00")));
        }
        return table;
    }
}
