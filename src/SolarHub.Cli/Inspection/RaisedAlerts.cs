namespace SolarHub.Cli.Inspection;

// GET /api/alerts as the CLI reads it (tolerant, as BankDetails): the alert rules raised now and, on a cluster, the
// members that did not answer.

public sealed record RaisedAlerts(IReadOnlyList<RaisedAlert>? Active)
{
    public IReadOnlyList<string>? Unanswered { get; init; }
}

public sealed record RaisedAlert(string BankId, string? Rule, byte? Pack, DateTimeOffset? Since, string? Message)
{
    /// <summary>The cluster member that raised it; null off a cluster.</summary>
    public string? Node { get; init; }
}
