using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration;

namespace SolarHub.ConfigStore.StartCopy;

/// <summary>
/// The configuration store at rest on a node's <see cref="ConfigStartCopy"/> (current when the node read it: its version
/// was the journal's latest). It answers reads from the copy and follows the journal's version as the
/// <see cref="HubConfigStore"/> does, and stops, to be replaced by a store recovered from the journal, once another
/// client stored a change; a write does the same through the <see cref="ConfigStoreSupervisor"/>. So a node whose
/// configuration does not change never starts Akka.Persistence.Sql's journal (linq2db and the code compiled for it):
/// about a fifth of a small node's memory (docs/benchmarks.md, issue 15).
/// </summary>
public sealed class RestingConfigStore : ReceiveActor, IWithTimers
{
    private readonly ConfigStartCopy _copy;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly JournalFollower _follower;

    public RestingConfigStore(ConfigStartCopy copy, Func<CancellationToken, Task<long?>> storedVersion)
    {
        _copy = copy;
        _follower = new JournalFollower(storedVersion, _log);
        Receive<GetStoredConfig>(_ => Sender.Tell(new StoredConfig(copy.Config, copy.Version)));
        Receive<GetCurrentHubConfig>(_ => Sender.Tell(new HubConfigChanged(copy.Config, copy.Version)));
        Receive<JournalFollower.Check>(_ => _follower.Start(Self));
        Receive<JournalFollower.Read>(read =>
        {
            if (_follower.NewerThan(read, copy.Version) is not { } version) return;
            Timers.CancelAll();
            _log.Info("configuration changed by another client (version {0}); loading the stored configuration", version);
            Context.Parent.Tell(ConfigStoreSupervisor.ReloadNeeded.Instance);
        });
        Receive<ConfigStoreSupervisor.ReloadNow>(_ => Context.Stop(Self));
    }

    public static Props Props(ConfigStartCopy copy, Func<CancellationToken, Task<long?>> storedVersion) =>
        Akka.Actor.Props.Create(() => new RestingConfigStore(copy, storedVersion));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        // What a recovered store says: the supervisor hands requests over, followers (the banks run the copy already) see it.
        Context.Parent.Tell(new ConfigStoreSupervisor.StoreRecovered(_copy.Version));
        Context.System.EventStream.Publish(new HubConfigChanged(_copy.Config, _copy.Version));
        Timers.StartPeriodicTimer(nameof(JournalFollower.Check), JournalFollower.Check.Instance, HubConfigStore.FollowInterval);
    }

    protected override void PostStop() => _follower.Dispose();
}
