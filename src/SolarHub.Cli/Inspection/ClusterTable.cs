using SolarHub.Node.Api.Cluster;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SolarHub.Cli.Inspection;

/// <summary><c>solarhub cluster show</c>'s table: one row per member, with the banks it runs.</summary>
public static class ClusterTable
{
    public static IRenderable Render(InspectionConsole console, ClusterView cluster, string url)
    {
        var table = console.NewTable("Node", "Address", "Status", "Reachable", "Leader", "Banks");
        foreach (var m in cluster.Members)
        {
            string name = m.Self ? $"{m.Node} (this)" : m.Node;
            IReadOnlyList<string>? banks = null;
            cluster.BanksPerNode?.TryGetValue(m.Node, out banks);
            table.AddRow(
                Figures.Cell(name, new Style(decoration: Decoration.Bold)),
                Figures.Cell(m.Address),
                Figures.Cell(m.Status, new Style(m.Status switch
                {
                    "Up" => Color.Green,
                    "Joining" or "WeaklyUp" or "Leaving" or "Exiting" => Color.Yellow,
                    _ => Color.Red,
                })),
                Figures.Cell(m.Reachable ? "yes" : "NO", m.Reachable ? Style.Plain : new Style(Color.Red)),
                Figures.Cell(m.Leader ? "*" : null),
                Figures.Cell(cluster.BanksPerNode is null ? "?" : banks is { Count: > 0 } ? string.Join(",", banks) : null));
        }
        var rows = new List<IRenderable>
        {
            new Text($"Cluster seen from {cluster.Self} ({url}): {cluster.Members.Count} member(s), leader {cluster.Leader ?? "none"}, configuration writer {cluster.ConfigWriter ?? "none"}" +
                (cluster.Unreachable.Count > 0 ? $", unreachable: {string.Join(", ", cluster.Unreachable)}" : "")),
            table,
        };
        if (cluster.BanksPerNode is null) rows.Add(new Text("Banks: sharding did not say in time which node runs which bank (?)."));
        return new Rows(rows);
    }
}
