using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SolarHub.Cluster.Hosting;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Wire;

namespace SolarHub.Cluster.Tests;

/// <summary>
/// The relay of bank events between nodes, on three actor systems in this process forming a real cluster over
/// loopback remoting (<see cref="SolarHubClusterHosting.WithSolarHubCluster"/> as a node starts it).
/// </summary>
public sealed class BankEventRelayTests : IAsyncLifetime
{
    // A loaded 2-core machine forms a cluster in seconds; these bound a failure, not the expected time.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<IHost> _hosts = [];
    private readonly Dictionary<string, Seen> _seen = [];

    public async Task InitializeAsync()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => LoopbackPorts.Free()).ToArray();
        var seeds = new[] { new RemotingEndpoint("127.0.0.1", ports[0]) };
        for (int i = 0; i < 3; i++)
        {
            var name = $"n{i + 1}";
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddAkka("solarhub", akka =>
            {
                akka.AddHocon("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING", HoconAddMode.Prepend);
                akka.WithSolarHubCluster(new SolarHubClusterOptions(name, new RemotingEndpoint("127.0.0.1", ports[i]), seeds));
            });
            var host = builder.Build();
            _hosts.Add(host);
            await host.StartAsync();
            _seen[name] = Seen.On(host.Services.GetRequiredService<ActorSystem>());
        }
        await Wait.UntilAsync(() => _hosts.All(h => Akka.Cluster.Cluster.Get(System(h)).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 3),
            "three nodes Up on every node", Patience);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    [Fact]
    public async Task An_event_of_one_node_reaches_the_others_wrapped_naming_it_and_never_comes_back()
    {
        var n1 = System(_hosts[0]);
        // The relays learn of each other through the mediators' gossip (about a second): publish until both have one.
        int sent = 0;
        await Wait.UntilAsync(() =>
        {
            n1.EventStream.Publish(Alarm("from n1", ++sent));
            return _seen["n2"].Relayed.Any() && _seen["n3"].Relayed.Any();
        }, "an n1 event on n2 and n3", Patience);

        var arrived = _seen["n2"].Relayed.First();
        arrived.Node.Should().Be("n1");
        arrived.Event.Should().BeOfType<BankAlarm>().Which.Message.Should().Be("from n1");
        n1.Serialization.FindSerializerFor(arrived).Should().BeOfType<WireSerializer>("it crosses nodes as SolarHub's JSON");

        // A round trip from n3 to n1: had n1's own events come back to it, they would be there by now. n3's relay may not
        // know the others yet either (one CI run lost a single event sent too early): publish until both have one.
        int fromN3 = 0;
        await Wait.UntilAsync(() =>
        {
            System(_hosts[2]).EventStream.Publish(Alarm("from n3", ++fromN3));
            return _seen["n1"].Relayed.Any(r => r.Node == "n3") && _seen["n2"].Relayed.Any(r => r.Node == "n3");
        }, "an n3 event on n1 and n2", Patience);
        _seen["n1"].Relayed.Should().OnlyContain(r => r.Node == "n3", "a node's own events are not relayed back to it");
        _seen["n2"].Raw.Should().BeEmpty("a relayed event arrives wrapped: the raw event would be taken for one of n2's own banks");
        _seen["n3"].Raw.Select(a => a.Message).Should().OnlyContain(m => m == "from n3");
    }

    private static BankAlarm Alarm(string message, int n) =>
        new("bank-x", DateTimeOffset.UnixEpoch.AddSeconds(n), BankAlarmKind.PackStale, message, Cleared: false);

    private static ActorSystem System(IHost host) => host.Services.GetRequiredService<ActorSystem>();

    /// <summary>What one node's event stream carries: raw bank alarms and relayed events.</summary>
    private sealed class Seen : MinimalActorRef
    {
        private readonly ConcurrentQueue<BankAlarm> _raw = new();
        private readonly ConcurrentQueue<RelayedBankEvent> _relayed = new();

        private Seen(ExtendedActorSystem system)
        {
            Provider = system.Provider;
            Path = new RootActorPath(Provider.DefaultAddress) / "temp" / $"seen-{Guid.NewGuid():N}";
        }

        public IReadOnlyList<BankAlarm> Raw => _raw.ToArray();
        public IReadOnlyList<RelayedBankEvent> Relayed => _relayed.ToArray();
        public override ActorPath Path { get; }
        public override IActorRefProvider Provider { get; }

        public static Seen On(ActorSystem system)
        {
            var seen = new Seen((ExtendedActorSystem)system);
            system.EventStream.Subscribe(seen, typeof(BankAlarm));
            system.EventStream.Subscribe(seen, typeof(RelayedBankEvent));
            return seen;
        }

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (message is BankAlarm alarm) _raw.Enqueue(alarm);
            else if (message is RelayedBankEvent relayed) _relayed.Enqueue(relayed);
        }
    }
}
