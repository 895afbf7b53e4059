using Akka.Actor;
using Akka.Pattern;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;

namespace SolarHub.Core.Adapters;

/// <summary>
/// Props of an adapter child: the actor that owns the transport, under a BackoffSupervisor that restarts it with
/// exponential backoff whenever it stops after a fault (connection refused or reset, port gone, reconnect requested)
/// or crashes.
/// </summary>
public static class AdapterPropsFactory
{
    public static Props Create(AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings)
    {
        var connection = adapter.Protocol == AdapterProtocol.JkActive
            ? JkActivePoller.Props(adapter, packs, bank, transport, timings, settings)
            : JkBusListener.Props(adapter, bank, transport, timings, settings);

        // An unexpected exception stops the connection too, so both paths go through the same backoff.
        var stopOnCrash = new OneForOneStrategy(-1, -1, _ => Directive.Stop);
        var options = Backoff.OnStop(connection, "connection", timings.BackoffMin, timings.BackoffMax, randomFactor: 0.2, maxNrOfRetries: -1)
            .WithAutoReset(timings.BackoffMax)
            .WithSupervisorStrategy(stopOnCrash);
        return BackoffSupervisor.Props(options);
    }
}
