using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>
/// The adapters a bank runs, by id, each with its tracker. Reconciling with a new configuration changes only the
/// trackers and says which children must stop or reconnect: starting and stopping actors stays the bank's job.
/// </summary>
public sealed class BankAdapters
{
    // Iterated in insertion order wherever the order of published events depends on it.
    private readonly Dictionary<string, AdapterTracker> _byId = new();

    public IReadOnlyCollection<AdapterTracker> All => _byId.Values;

    /// <summary>Best first (failover order).</summary>
    public IEnumerable<AdapterTracker> ByRank => _byId.Values.OrderBy(t => t.Rank);

    public AdapterTracker? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    public bool Contains(string id) => _byId.ContainsKey(id);

    public AdapterTracker? FindByChild(IActorRef child) => _byId.Values.FirstOrDefault(t => Equals(t.Child, child));

    public AdapterTracker? BestHealthy => _byId.Values.Where(t => t.State == AdapterState.Healthy).MinBy(t => t.Rank);

    public IReadOnlyList<FailoverPolicy.Candidate> Candidates =>
        _byId.Values.Select(t => new FailoverPolicy.Candidate(t.Id, t.Rank, t.State, t.HealthySince)).ToList();

    /// <summary>
    /// Takes <paramref name="failoverOrder"/> (enabled adapters, best first) as the bank's adapters: drops the others,
    /// re-ranks and reconfigures the kept ones, adds new ones (stopped).
    /// </summary>
    public AdapterReconciliation Reconcile(IReadOnlyList<AdapterConfig> failoverOrder)
    {
        var removed = _byId.Values.Where(t => failoverOrder.All(a => a.Id != t.Id)).ToList();
        foreach (var t in removed) _byId.Remove(t.Id);
        var reconnect = new List<AdapterTracker>();
        bool reranked = false;
        for (int rank = 0; rank < failoverOrder.Count; rank++)
        {
            var adapter = failoverOrder[rank];
            if (_byId.TryGetValue(adapter.Id, out var existing))
            {
                reranked |= existing.Rank != rank;
                existing.Rank = rank;
                // Priority and the enabled flag only move an adapter in the order; anything else means another connection.
                bool connectionChanged = existing.Config with { Priority = 0, Enabled = true } != adapter with { Priority = 0, Enabled = true };
                existing.Reconfigure(adapter);
                if (connectionChanged && existing.IsRunning) reconnect.Add(existing);
            }
            else _byId[adapter.Id] = new AdapterTracker(adapter, rank);
        }
        return new AdapterReconciliation(removed, reconnect, reranked);
    }
}
