using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Scheduling;
using SolarHub.Core.Telemetry;

namespace SolarHub.Bench;

/// <summary>
/// The hub as the benches run it: a plain actor system with SolarHub's HOCON and a <see cref="BankRegistry"/>, quiet
/// (errors only, so progress lines stay readable), with the given timings for every bank.
/// </summary>
public sealed class BenchHub : IAsyncDisposable
{
    // The scheduler `solarhub run` uses.
    private static readonly Config Quiet = ConfigurationFactory.ParseString(DeadlineScheduler.Hocon + """

        akka {
          loglevel = ERROR
          stdout-loglevel = ERROR
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);

    private BenchHub(ActorSystem system, IActorRef registry)
    {
        System = system;
        Registry = registry;
    }

    public ActorSystem System { get; }
    public IActorRef Registry { get; }

    /// <param name="overrides">HOCON that takes precedence over the quiet defaults (e.g. another logger).</param>
    public static BenchHub Start(HubConfig config, BankTimings timings, Config? overrides = null)
    {
        var settings = Quiet.WithFallback(SolarHubConfig.Defaults);
        if (overrides is not null) settings = overrides.WithFallback(settings);
        var system = ActorSystem.Create("solarhub-bench", settings);
        // Start Akka's scheduler before any bank asks it for a timer. On .NET 6+ its first use blocks the caller until a
        // thread-pool tick has run; hundreds of banks starting at once each block a pool thread there, and the pool
        // starves for minutes (seen here: 1000 banks, 250 s; cf. akka.net issue 7130). One early call makes the rest return at once.
        system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => { });
        // Adapter settings from the system's config, as the hosted hub reads them.
        var registry = system.ActorOf(BankRegistry.Props(config, _ => timings, SolarHubConfig.AdapterSettingsFrom(system.Settings.Config)), "solarhub-banks");
        return new BenchHub(system, registry);
    }

    /// <summary>Starts an <see cref="EventProbe"/> subscribed to <paramref name="types"/> before this returns, so no event published afterwards is missed.</summary>
    public IActorRef Subscribe(string name, Action<object, long> onEvent, params Type[] types)
    {
        var probe = System.ActorOf(EventProbe.Props(onEvent), name);
        foreach (var type in types) System.EventStream.Subscribe(probe, type);
        return probe;
    }

    /// <summary>Replaces the set of banks (new ones start).</summary>
    public void Apply(HubConfig config) => Registry.Tell(new ApplyHubConfig(config));

    public async Task<BankSnapshot> SnapshotAsync(string bankId, CancellationToken ct)
    {
        var answer = await Registry.Ask<object>(new BankEnvelope(bankId, GetBankSnapshot.Instance), TimeSpan.FromSeconds(5), ct);
        return answer as BankSnapshot ?? throw new BenchException($"bank {bankId} is not running");
    }

    /// <summary>
    /// Until <paramref name="adapterId"/> is the bank's active adapter and every adapter is healthy; with
    /// <paramref name="learned"/> also until it knows its bus's rhythm (a connection learns for 10 s), so a silence is
    /// noticed from the rhythm as on a bus that ran a while. Within 60 s (120 s to learn: one stall of the process of
    /// 0.7 s or more, as on a loaded CI runner, teaches a gap whose rhythm would reach the data deadline, so the rhythm stays
    /// unknown until some 1,000 reads have passed without one), or a <see cref="BenchException"/> saying what it saw.
    /// </summary>
    public async Task WaitUntilActiveAndHealthyAsync(string bankId, string adapterId, bool learned, CancellationToken ct)
    {
        var ready = TimeSpan.FromSeconds(learned ? 120 : 60);
        long deadline = Stopwatch.GetTimestamp() + (long)(ready.TotalSeconds * Stopwatch.Frequency);
        string last = "no answer";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var snapshot = await SnapshotAsync(bankId, ct);
            if (snapshot.ActiveAdapter == adapterId && snapshot.Adapters.All(a => a.State == AdapterState.Healthy)
                && (!learned || snapshot.Adapters.Single(a => a.Id == adapterId).SilenceAfterMs is not null)) return;
            last = $"active {snapshot.ActiveAdapter ?? "none"}, " + string.Join(", ", snapshot.Adapters.Select(a => $"{a.Id} {a.State}, silence after {a.SilenceAfterMs?.ToString("0", CultureInfo.InvariantCulture) ?? "-"} ms"));
            await Task.Delay(50, ct); // a bounded poll of the bank's own state
        }
        throw new BenchException($"{adapterId} did not become active with every adapter healthy within {ready.TotalSeconds:0} s ({last})");
    }

    public async ValueTask DisposeAsync()
    {
        try { await System.Terminate().WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { /* the process is about to end anyway */ }
    }
}
