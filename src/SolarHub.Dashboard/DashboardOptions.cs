namespace SolarHub.Dashboard;

/// <summary>What the dashboard's page needs to know of the node it runs in, written into the page when it is served.</summary>
public sealed record DashboardOptions
{
    /// <summary>
    /// How old a pack's data may be before the page shows it stale by its own clock (the node's <c>pack-stale-after</c>):
    /// the API's <c>stale</c> flags say so too, but only while the node is heard.
    /// </summary>
    public TimeSpan PackStaleAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The banks whose <c>pack-stale-after</c> differs from <see cref="PackStaleAfter"/> (HOCON <c>solarhub.banks."id"</c>).</summary>
    public IReadOnlyDictionary<string, TimeSpan> PackStaleAfterByBank { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>The node is a cluster member: the page shows the nodes view (GET /api/cluster answers).</summary>
    public bool Clustered { get; init; }

    /// <summary>The node records history (it runs on a database): the page offers the history charts.</summary>
    public bool History { get; init; } = true;
}
