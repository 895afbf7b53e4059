namespace SolarHub.Core.Banks;

/// <summary>
/// What a new configuration changed among a bank's adapters (<see cref="BankAdapters.Reconcile"/>), and whom it makes
/// active. A configuration change is the operator's decision: it applies now, without the failback hold-down.
/// </summary>
/// <param name="Removed">No longer configured or disabled: their children must stop.</param>
/// <param name="Reconnect">Running with connection settings that changed: their children must restart.</param>
/// <param name="Reranked">Some kept adapter moved in the failover order.</param>
public sealed record AdapterReconciliation(IReadOnlyList<AdapterTracker> Removed, IReadOnlyList<AdapterTracker> Reconnect, bool Reranked)
{
    public bool Removes(string? adapterId) => adapterId is not null && Removed.Any(t => t.Id == adapterId);

    /// <summary>
    /// The switch this change calls for, or null: away from an active adapter it removed (to the best healthy one), or
    /// to a healthy adapter it ranked above the active one, unless an operator pinned the active one.
    /// </summary>
    public FailoverPolicy.Decision? Activation(BankAdapters adapters, string? active, bool pinned)
    {
        var bestHealthy = adapters.BestHealthy;
        if (bestHealthy is null) return null;
        if (Removes(active))
            return new FailoverPolicy.Decision(bestHealthy.Id, $"{active} disabled or removed in configuration", IsFailback: false);
        if (Reranked && !pinned && adapters.Find(active) is { } current && bestHealthy.Rank < current.Rank)
            return new FailoverPolicy.Decision(bestHealthy.Id, "priorities changed in configuration", IsFailback: false);
        return null;
    }
}
