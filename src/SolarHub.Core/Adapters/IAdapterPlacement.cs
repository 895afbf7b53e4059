using Akka.Actor;
using SolarHub.Configuration;

namespace SolarHub.Core.Adapters;

/// <summary>
/// Where a bank's adapters run. On one node every adapter runs beside its bank (<see cref="LocalAdapterPlacement"/>);
/// in a cluster an adapter that names another node runs there, and the bank's child is a stand-in that starts it there
/// and forwards the bank's messages to it. Either way the adapter reports to the bank directly and the bank judges it
/// by its heartbeats alone.
/// </summary>
public interface IAdapterPlacement
{
    /// <summary>The name of the node the bank runs on; null when not clustered.</summary>
    string? ThisNode { get; }

    /// <summary>
    /// Props of the bank's child for an adapter that does not run here (a stand-in for the adapter on its node), or
    /// null when it runs here.
    /// </summary>
    /// <param name="urgent">The bank has no healthy adapter now (see <see cref="RetryUrgency"/>).</param>
    Props? Elsewhere(string bankId, AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, bool urgent);
}

/// <summary>Every adapter runs beside its bank: the single node.</summary>
public sealed class LocalAdapterPlacement : IAdapterPlacement
{
    public static LocalAdapterPlacement Instance { get; } = new();

    public string? ThisNode => null;

    public Props? Elsewhere(string bankId, AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, bool urgent) => null;
}
