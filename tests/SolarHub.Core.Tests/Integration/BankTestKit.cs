using System.Net;
using Akka.Actor;
using Akka.TestKit;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Simulator;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Integration;

/// <summary>Real-time tests share the CPU badly with each other: they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class RealTime
{
    public const string Name = "real time";
}

/// <summary>
/// A real bank with real adapter actors on loopback: a passive primary on a bus with a JK master, an active secondary
/// polling a bus of its own (both simulated), short timings. Events are watched on the event stream.
/// </summary>
public abstract class BankTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected const string Primary = "primary";
    protected const string Secondary = "secondary";
    protected static readonly byte[] AllPacks = [1, 2, 3];

    protected static readonly BankTimings Timings = BankTimings.Default with
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        HeartbeatTimeout = TimeSpan.FromSeconds(1),
        DataDeadline = TimeSpan.FromSeconds(1),
        BackoffMin = TimeSpan.FromMilliseconds(100),
        BackoffMax = TimeSpan.FromSeconds(1),
        FailbackHoldDown = TimeSpan.FromSeconds(2),
        PackStaleAfter = TimeSpan.FromSeconds(2),
        CompleteSetGrace = TimeSpan.FromSeconds(1.5),
        TelemetryInterval = TimeSpan.FromMilliseconds(500),
    };

    protected static readonly AdapterSettings Settings = AdapterSettings.Default with { ConnectTimeout = TimeSpan.FromSeconds(2) };

    /// <summary>The primary's bus: a JK master polls three packs every ~30 ms (±10 ms).</summary>
    protected static readonly SimulatorOptions PrimaryBus = new()
    {
        Packs = 3, FirstAddress = 1, Seed = 7, Master = true,
        PollInterval = TimeSpan.FromMilliseconds(30), PollJitter = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>The secondary's bus: no master, the hub polls.</summary>
    protected static readonly SimulatorOptions SecondaryBus = PrimaryBus with { Master = false };

    protected static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private readonly List<IAsyncDisposable> _disposables = [];

    protected BankTestKit(ITestOutputHelper output) : base("""
        akka.loglevel = INFO
        akka.log-dead-letters = off
        akka.test.single-expect-default = 10s
        """, output)
    {
        Failovers = Subscribed(typeof(FailoverOccurred));
        States = Subscribed(typeof(AdapterStateChanged));
        Alarms = Subscribed(typeof(BankAlarm));
        Packs = Subscribed(typeof(PackTelemetry));
    }

    protected TestProbe Failovers { get; }
    protected TestProbe States { get; }
    protected TestProbe Alarms { get; }
    protected TestProbe Packs { get; }
    protected IActorRef Bank { get; private set; } = ActorRefs.Nobody;

    protected TestProbe Subscribed(params Type[] types)
    {
        var probe = CreateTestProbe();
        foreach (var type in types) Sys.EventStream.Subscribe(probe.Ref, type);
        return probe;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        Shutdown(); // adapters first, so they do not watch their transports go away
        for (int i = _disposables.Count - 1; i >= 0; i--) await _disposables[i].DisposeAsync();
    }

    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    protected TcpGatewaySimulator StartGateway(SimulatorOptions options, IPEndPoint? endPoint = null)
    {
        var gateway = Own(new TcpGatewaySimulator(options, endPoint));
        gateway.Start();
        return gateway;
    }

    protected ModbusTcpGatewaySimulator StartModbusGateway(SimulatorOptions options, IPEndPoint? endPoint = null, TimeSpan? responseTimeout = null)
    {
        var gateway = Own(new ModbusTcpGatewaySimulator(options, endPoint, responseTimeout));
        gateway.Start();
        return gateway;
    }

    protected static AdapterConfig ActiveModbusTcp(string id, int priority, IPEndPoint endPoint) =>
        new(id, AdapterProtocol.JkActive, new ModbusTcpTransport("127.0.0.1", endPoint.Port), Priority: priority,
            PollTimeout: TimeSpan.FromMilliseconds(300), PollGap: TimeSpan.FromMilliseconds(120));

    protected static AdapterConfig PassiveTcp(string id, int priority, IPEndPoint endPoint) =>
        new(id, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", endPoint.Port), Priority: priority);

    protected static AdapterConfig ActiveTcp(string id, int priority, IPEndPoint endPoint) =>
        new(id, AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", endPoint.Port), Priority: priority,
            PollTimeout: TimeSpan.FromMilliseconds(300), PollGap: TimeSpan.FromMilliseconds(120));

    protected static BankConfig BankOf(params AdapterConfig[] adapters) =>
        new("bank-1", "Bank 1", [new PackConfig(1), new PackConfig(2), new PackConfig(3)], adapters);

    protected IActorRef StartBank(BankConfig config, BankTimings? timings = null)
    {
        Bank = Sys.ActorOf(BankSupervisor.Props(config, timings ?? Timings, Settings), "bank");
        return Bank;
    }

    protected Task<BankSnapshot> SnapshotAsync() => Bank.Ask<BankSnapshot>(GetBankSnapshot.Instance, TimeSpan.FromSeconds(5));

    /// <summary>Waits until <paramref name="active"/> is active and every adapter of <paramref name="healthy"/> is healthy.</summary>
    protected async Task<BankSnapshot> UntilAsync(string active, params string[] healthy)
    {
        BankSnapshot snapshot = null!;
        await AwaitAssertAsync(async () =>
        {
            snapshot = await SnapshotAsync();
            snapshot.ActiveAdapter.Should().Be(active);
            foreach (var id in healthy) snapshot.Adapters.Single(a => a.Id == id).State.Should().Be(AdapterState.Healthy, $"{id} should be healthy");
        }, Generous, TimeSpan.FromMilliseconds(50));
        return snapshot;
    }

    /// <summary>Forgets the events seen so far.</summary>
    protected void ClearEvents()
    {
        foreach (var probe in new[] { Failovers, States, Alarms, Packs })
            while (probe.HasMessages) probe.ReceiveOne(TimeSpan.Zero);
    }

    protected FailoverOccurred ExpectFailover(string from, string to, bool failback = false, TimeSpan? within = null)
    {
        var failover = Failovers.ExpectMsg<FailoverOccurred>(within ?? Generous);
        (failover.From, failover.To, failover.IsFailback).Should().Be((from, to, failback), $"expected {from} -> {to}, got: {failover}");
        return failover;
    }

    /// <summary>The next state change of <paramref name="adapter"/> to <paramref name="state"/> (others are skipped).</summary>
    protected AdapterStateChanged ExpectState(string adapter, AdapterState state, TimeSpan? within = null) =>
        States.FishForMessage<AdapterStateChanged>(e => e.AdapterId == adapter && e.To == state, within ?? Generous);

    /// <summary>Fresh telemetry of every pack from <paramref name="adapter"/>.</summary>
    protected void ExpectTelemetryFrom(string adapter, params byte[] packs)
    {
        var missing = packs.ToHashSet();
        Packs.FishForMessage<PackTelemetry>(p =>
        {
            if (p.AdapterId == adapter && !p.Stale) missing.Remove(p.Address);
            return missing.Count == 0;
        }, Generous);
    }
}
