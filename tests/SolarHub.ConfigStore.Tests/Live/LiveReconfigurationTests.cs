using System.Diagnostics;
using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Hosting;
using SolarHub.Core.Telemetry;
using SolarHub.Simulator;
using Xunit.Abstractions;

namespace SolarHub.ConfigStore.Tests.Live;

/// <summary>Real-time tests share the CPU badly with each other: they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class RealTime
{
    public const string Name = "live banks";
}

/// <summary>
/// A running bank that follows the store: the store and the <see cref="BankRegistry"/> in one actor system (as in
/// <c>solarhub run</c>), two simulated gateways on 127.0.0.1 (a passive primary on a bus with a JK master, an active
/// secondary polling a bus of its own). Changes stored while it runs apply without a restart.
/// </summary>
[Collection(RealTime.Name)]
public sealed class LiveReconfigurationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string BankId = "bank-1";
    private const string Primary = "primary";
    private const string Secondary = "secondary";
    private static readonly TimeSpan Switch = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    private const string FastTimings = """
        akka.loglevel = WARNING
        solarhub.bank {
          heartbeat-interval = 100ms
          heartbeat-timeout = 1s
          data-deadline = 1s
          backoff-min = 100ms
          backoff-max = 1s
          failback-hold-down = 2s
          pack-stale-after = 2s
          complete-set-grace = 1500ms
          telemetry-interval = 500ms
        }
        solarhub.adapter.connect-timeout = 2s
        """;

    private static readonly SimulatorOptions MasterBus = new()
    {
        Packs = 3, FirstAddress = 1, Seed = 7, Master = true,
        PollInterval = TimeSpan.FromMilliseconds(30), PollJitter = TimeSpan.FromMilliseconds(10),
    };

    private readonly List<IAsyncDisposable> _owned = [];
    private TestDatabase _db = null!;
    private TcpGatewaySimulator _primary = null!;
    private TcpGatewaySimulator _secondary = null!;
    private StoreNode _hub = null!;
    private PublishedEvents _events = null!;
    private IActorRef _banks = ActorRefs.Nobody;

    public Task InitializeAsync()
    {
        _db = TestDatabase.Sqlite();
        _primary = Gateway(MasterBus);
        _secondary = Gateway(MasterBus with { Master = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        for (int i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        await _db.DisposeAsync();
    }

    private TcpGatewaySimulator Gateway(SimulatorOptions options)
    {
        var gateway = new TcpGatewaySimulator(options);
        gateway.Start();
        _owned.Add(gateway);
        return gateway;
    }

    private static AdapterConfig Passive(string id, int priority, IPEndPoint at) =>
        new(id, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", at.Port), priority);

    private static AdapterConfig Active(string id, int priority, IPEndPoint at) =>
        new(id, AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", at.Port), priority,
            PollTimeout: TimeSpan.FromMilliseconds(300), PollGap: TimeSpan.FromMilliseconds(120));

    /// <summary>Starts the hub on the store, stores the bank, and waits until the primary is active and both adapters healthy.</summary>
    private async Task StartHealthyAsync(bool followJournal = false)
    {
        _hub = await StoreNode.StartAsync(_db.Config, followJournal, akka =>
        {
            akka.AddHocon(FastTimings, HoconAddMode.Prepend);
            akka.WithSolarHub(HubConfig.Empty, followConfigChanges: true);
        }, name: "hub");
        _banks = _hub.Services.GetRequiredService<IRequiredActor<BankRegistryKey>>().ActorRef;
        _events = new PublishedEvents(_hub.System, typeof(FailoverOccurred), typeof(AdapterStateChanged));

        var bank = new BankConfig(BankId, "Bank 1", [new PackConfig(1), new PackConfig(2), new PackConfig(3)],
            [Passive(Primary, 1, _primary.LocalEndPoint), Active(Secondary, 2, _secondary.LocalEndPoint)]);
        await _hub.MustStoreAsync([.. Configs.From(new HubConfig([bank], []))]);

        await UntilAsync(s => s.ActiveAdapter == Primary && s.Adapters.All(a => a.State == AdapterState.Healthy), "the primary active and both adapters healthy");
        _events.Seen.OfType<FailoverOccurred>().Should().BeEmpty("the first choice is not a failover");
        _events.Clear();
    }

    private async Task<BankSnapshot> SnapshotAsync() =>
        (await BankAsync()) ?? throw new InvalidOperationException($"{BankId} is not running");

    /// <summary>The bank's snapshot, or null while the registry has not started it yet.</summary>
    private async Task<BankSnapshot?> BankAsync() =>
        await _banks.Ask<object>(new BankEnvelope(BankId, GetBankSnapshot.Instance), TimeSpan.FromSeconds(5)) as BankSnapshot;

    private async Task<BankSnapshot> UntilAsync(Func<BankSnapshot, bool> done, string what) =>
        (await Wait.UntilAsync(BankAsync, s => s is not null && done(s), what, Generous))!;

    private async Task<FailoverOccurred> ExpectFailoverAsync(string from, string to, Stopwatch since, TimeSpan within)
    {
        var failover = await _events.NextAsync<FailoverOccurred>(_ => true, within + TimeSpan.FromSeconds(5), "a failover");
        output.WriteLine($"{failover.From} -> {failover.To} {since.ElapsedMilliseconds} ms after the change was proposed: {failover.Reason}");
        (failover.From, failover.To).Should().Be((from, to));
        since.Elapsed.Should().BeLessThan(within, "a configuration change applies at once");
        return failover;
    }

    /// <summary>The change reached the bank (<paramref name="applied"/> was seen) and did not move the active adapter.</summary>
    private async Task ExpectUndisturbedAsync()
    {
        // A failover caused by the same change would be published in the same turn as what proved the change applied.
        await Task.Delay(300);
        _events.Seen.OfType<FailoverOccurred>().Should().BeEmpty("the change does not touch the active adapter");
        _events.Seen.OfType<AdapterStateChanged>().Where(e => e.AdapterId == Primary).Should().BeEmpty("the active adapter keeps running");
        var snapshot = await SnapshotAsync();
        snapshot.ActiveAdapter.Should().Be(Primary);
        snapshot.Adapters.Single(a => a.Id == Primary).State.Should().Be(AdapterState.Healthy);
        snapshot.Failovers.Should().BeEmpty();
    }

    [Fact]
    public async Task Swapping_priorities_switches_the_active_adapter_at_once()
    {
        await StartHealthyAsync();

        var clock = Stopwatch.StartNew();
        await _hub.MustStoreAsync(new AdapterPriorityChanged(BankId, Primary, 2), new AdapterPriorityChanged(BankId, Secondary, 1));

        var failover = await ExpectFailoverAsync(Primary, Secondary, clock, Switch);
        failover.Reason.Should().Contain("priorities changed");
        var snapshot = await SnapshotAsync();
        snapshot.ActiveAdapter.Should().Be(Secondary);
        snapshot.Adapters.Select(a => (a.Id, a.Priority)).Should().Equal((Secondary, 1), (Primary, 2));
        _events.Seen.OfType<AdapterStateChanged>().Should().NotContain(e => e.To == AdapterState.Stopped, "re-ranking restarts no adapter");
    }

    [Fact]
    public async Task Disabling_the_active_adapter_switches_to_the_standby_at_once()
    {
        await StartHealthyAsync();

        var clock = Stopwatch.StartNew();
        await _hub.MustStoreAsync(new AdapterEnabledChanged(BankId, Primary, false));

        var failover = await ExpectFailoverAsync(Primary, Secondary, clock, Switch);
        failover.Reason.Should().Contain("disabled");
        await _events.NextAsync<AdapterStateChanged>(e => e.AdapterId == Primary && e.To == AdapterState.Stopped, Generous, "the disabled adapter stopping");
        // A disabled adapter stays listed (so it can be found and enabled again), stopped and never active.
        var snapshot = await SnapshotAsync();
        snapshot.ActiveAdapter.Should().Be(Secondary);
        snapshot.Adapters.Should().ContainSingle(a => a.Id == Primary)
            .Which.Should().Match<AdapterSnapshot>(a => !a.Enabled && !a.Active && a.State == AdapterState.Stopped);
    }

    [Fact]
    public async Task An_added_adapter_starts_and_the_active_one_is_not_disturbed()
    {
        await StartHealthyAsync();
        var third = Gateway(MasterBus with { Seed = 9 });

        await _hub.MustStoreAsync(new AdapterAttached(BankId, Passive("third", 3, third.LocalEndPoint)));

        await _events.NextAsync<AdapterStateChanged>(e => e.AdapterId == "third" && e.To == AdapterState.Connecting, TimeSpan.FromSeconds(3), "the new adapter starting");
        await _events.NextAsync<AdapterStateChanged>(e => e.AdapterId == "third" && e.To == AdapterState.Healthy, Generous, "the new adapter healthy");
        await ExpectUndisturbedAsync();
    }

    [Fact]
    public async Task Changes_that_do_not_touch_the_active_adapter_do_not_disturb_it()
    {
        await StartHealthyAsync();

        await _hub.MustStoreAsync(new AdapterPriorityChanged(BankId, Secondary, 5), new BankRenamed(BankId, "Renamed"));
        await UntilAsync(s => s.Name == "Renamed" && s.Adapters.Any(a => a.Id == Secondary && a.Priority == 5), "the bank to take the change");
        await ExpectUndisturbedAsync();

        await _hub.MustStoreAsync(new AdapterEnabledChanged(BankId, Secondary, false));
        await _events.NextAsync<AdapterStateChanged>(e => e.AdapterId == Secondary && e.To == AdapterState.Stopped, TimeSpan.FromSeconds(3), "the disabled standby stopping");
        await ExpectUndisturbedAsync();
    }

    [Fact]
    public async Task A_change_stored_by_another_client_applies_to_the_running_bank()
    {
        await StartHealthyAsync(followJournal: true);
        await using var cli = await StoreNode.StartAsync(_db.Config, name: "cli");
        (await cli.GetAsync()).Version.Should().Be(1);

        var clock = Stopwatch.StartNew();
        await cli.MustStoreAsync(new AdapterPriorityChanged(BankId, Primary, 2), new AdapterPriorityChanged(BankId, Secondary, 1));

        await ExpectFailoverAsync(Primary, Secondary, clock, TimeSpan.FromSeconds(3));
        (await _hub.GetAsync()).Version.Should().Be(2);
    }
}
