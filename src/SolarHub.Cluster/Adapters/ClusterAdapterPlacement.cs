using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Adapters;

namespace SolarHub.Cluster.Adapters;

/// <summary>
/// Where an adapter runs in a cluster: on the node it names; an adapter that names none runs beside its bank, except a
/// serial one, which cannot (its port is attached to one computer), so it is reported as a fault until it names its node.
/// </summary>
public sealed class ClusterAdapterPlacement(string thisNode, TimeSpan retry) : IAdapterPlacement
{
    public string ThisNode => thisNode;

    public Props? Elsewhere(string bankId, AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, bool urgent)
    {
        if (adapter.Node is null)
            return adapter.Transport is SerialTransport ? UnplacedAdapter.Props(adapter.Id, bank, retry) : null;
        return adapter.Node == thisNode ? null : RemoteAdapterProxy.Props(bankId, adapter, packs, bank, urgent, retry);
    }
}
