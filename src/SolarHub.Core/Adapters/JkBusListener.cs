using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;

namespace SolarHub.Core.Adapters;

/// <summary><c>jk-passive</c>: listens to a bus a JK master polls. It never transmits: a second master would garble the bus.</summary>
public sealed class JkBusListener(AdapterConfig adapter, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings)
    : BusConnectionActor(adapter, bank, transport, timings, settings)
{
    public static Props Props(AdapterConfig adapter, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings) =>
        Akka.Actor.Props.Create(() => new JkBusListener(adapter, bank, transport, timings, settings));
}
