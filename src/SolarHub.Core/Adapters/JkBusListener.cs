using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;

namespace SolarHub.Core.Adapters;

/// <summary><c>jk-passive</c>: listens to a bus a JK master polls. It never transmits: a second master would garble the bus.</summary>
public sealed class JkBusListener(AdapterConfig adapter, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings)
    : BusConnectionActor(adapter, bank, transport, timings, settings)
{
    // The configuration refuses this; an embedding application that skips validation is told the same at runtime.
    protected override void OnConnected()
    {
        if (!Framing.CarriesTheWholeBus)
            Fail($"{Adapter.Transport.Describe()} is a Modbus TCP gateway, which forwards only answers to polls: a passive adapter would only ever hear silence (make it jk-active)");
    }

    public static Props Props(AdapterConfig adapter, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings) =>
        Akka.Actor.Props.Create(() => new JkBusListener(adapter, bank, transport, timings, settings));
}
