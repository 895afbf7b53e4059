using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;

namespace SolarHub.Core.Adapters;

/// <summary>
/// Props of an adapter child: the actor that owns the transport, under a <see cref="ConnectionRestarter"/> that restarts
/// it with backoff whenever it stops after a fault (connection refused or reset, port gone, reconnect requested) or
/// crashes.
/// </summary>
public static class AdapterPropsFactory
{
    /// <param name="urgent">The bank has no healthy adapter now (see <see cref="RetryUrgency"/>).</param>
    public static Props Create(AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings, bool urgent)
    {
        var connection = adapter.Protocol == AdapterProtocol.JkActive
            ? JkActivePoller.Props(adapter, packs, bank, transport, timings, settings)
            : JkBusListener.Props(adapter, bank, transport, timings, settings);

        return ConnectionRestarter.Props(connection, timings, urgent);
    }
}
