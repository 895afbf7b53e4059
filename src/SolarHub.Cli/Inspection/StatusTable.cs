using Spectre.Console;
using Spectre.Console.Rendering;

namespace SolarHub.Cli.Inspection;

/// <summary><c>solarhub status</c>'s table: one row per bank.</summary>
public static class StatusTable
{
    public static IRenderable Render(InspectionConsole console, IReadOnlyList<BankSummary> banks, string url)
    {
        if (banks.Count == 0) return new Text($"The node at {url} runs no bank.");
        // A cluster's node says which node runs each bank; a single node's table stays as it always was.
        bool clustered = banks.Any(b => b.Node is not null);
        string[] headers = ["Bank", "Name", .. clustered ? new[] { "Node" } : [], "State", "Active adapter", "Adapters healthy", "Packs fresh", "SOC %", "Power W", "Voltage V", "Current A"];
        var table = console.NewTable(headers);
        foreach (var b in banks)
        {
            bool someStale = b.PacksFresh < b.PacksTotal;
            IRenderable[] node = clustered ? [Figures.Cell(b.Node)] : [];
            table.AddRow([
                Figures.Cell(b.Id, new Style(decoration: Decoration.Bold)),
                Figures.Cell(b.Name),
                .. node,
                Figures.State(b.State),
                Figures.Cell(b.ActiveAdapter ?? "none", b.ActiveAdapter is null ? new Style(Color.Red) : Style.Plain),
                Figures.Cell(Figures.Fraction(b.AdaptersHealthy, b.AdaptersTotal), b.AdaptersHealthy < b.AdaptersTotal ? new Style(Color.Yellow) : Style.Plain),
                Figures.Cell(Figures.Fraction(b.PacksFresh, b.PacksTotal), someStale ? new Style(Color.Yellow) : Style.Plain),
                Figures.Cell(Figures.Number(b.Soc, "0.0")),
                Figures.Cell(Figures.Number(b.Power, "0")),
                Figures.Cell(Figures.Number(b.Voltage, "0.00")),
                Figures.Cell(Figures.Number(b.Current, "0.00")),
            ]);
        }
        return table;
    }
}
