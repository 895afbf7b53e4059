using Akka.Actor;
using SolarHub.Cluster.Banks;
using SolarHub.Configuration;
using SolarHub.Core.Telemetry;

namespace SolarHub.Cluster.Tests;

/// <summary>The sharded bank entity, as a plain actor: what it tells this node's event stream when the bank leaves it.</summary>
public sealed class BankEntityTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly BankConfig House = new("house", "House", [new PackConfig(1)],
        [new AdapterConfig("gw-a", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", 1))]);

    [Fact]
    public void A_bank_that_ran_here_and_stops_tells_this_nodes_event_stream_that_it_left()
    {
        var left = CreateTestProbe();
        Sys.EventStream.Subscribe(left, typeof(BankLeftNode));
        var entity = Sys.ActorOf(Props.Create(() => new BankEntity("house", _ => Props.Create<Echo>())));
        entity.Tell(new HubConfigChanged(new HubConfig([House], []), 1));
        entity.Tell("ping");
        ExpectMsg("ping", TimeSpan.FromSeconds(5), "the entity runs its bank");
        Watch(entity);

        // A hand-over stops the entity (its node leaving, a rebalance).
        Sys.Stop(entity);

        ExpectTerminated(entity);
        left.ExpectMsg<BankLeftNode>(TimeSpan.FromSeconds(5)).BankId.Should().Be("house");
    }

    [Fact]
    public void An_entity_that_never_ran_its_bank_says_nothing()
    {
        var left = CreateTestProbe();
        Sys.EventStream.Subscribe(left, typeof(BankLeftNode));
        var entity = Sys.ActorOf(Props.Create(() => new BankEntity("house", _ => Props.Empty)));
        Watch(entity);

        Sys.Stop(entity);

        ExpectTerminated(entity);
        left.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    /// <summary>Stands in for the bank: answers what the entity forwards.</summary>
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
