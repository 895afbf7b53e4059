namespace SolarHub.Cli.Inspection;

/// <summary>One row of <c>GET /api/banks</c>. Figures are null when the node does not send them (older nodes, no data yet).</summary>
public sealed record BankSummary(
    string Id,
    string? Name,
    string? State,
    string? ActiveAdapter,
    int? PacksFresh,
    int? PacksTotal,
    double? Soc,
    double? Power,
    double? Voltage,
    double? Current)
{
    public int? AdaptersHealthy { get; init; }

    public int? AdaptersTotal { get; init; }

    /// <summary>The cluster node the bank runs on; null when the node is not clustered (or older).</summary>
    public string? Node { get; init; }

    /// <summary>The summary row of a bank's details, for views that show one bank the way <c>status</c> shows all.</summary>
    public static BankSummary From(BankDetails d) => new(d.Id, d.Name, d.State, d.ActiveAdapter, d.Totals?.PacksFresh, d.Totals?.PacksTotal,
        d.Totals?.Soc, d.Totals?.Power, d.Totals?.Voltage, d.Totals?.Current)
    {
        AdaptersHealthy = d.Adapters?.Count(a => a.State == "Healthy"),
        AdaptersTotal = d.Adapters?.Count,
        Node = d.Node,
    };
}
