using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration;
using SolarHub.Database;

namespace SolarHub.ConfigStore.StartCopy;

/// <summary>
/// Keeps the node's <see cref="ConfigStartCopy"/> current: follows <see cref="HubConfigChanged"/> (the store's recovered
/// configuration and every change after it; the store may have published the first before this actor subscribed, so it
/// also asks the store) and writes the newest, one write at a time and off the actor's thread.
/// </summary>
public sealed class ConfigStartCopyWriter : ReceiveActor
{
    private sealed record Written(long Version, Exception? Error);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _path;
    private readonly ConfigDatabase _database;
    private readonly IActorRef _store;
    private HubConfigChanged? _waiting;
    private long _written;
    private bool _writing;
    private bool _warned;

    public ConfigStartCopyWriter(ConfigDatabase database, string path, IActorRef store, long onDisk)
    {
        _database = database;
        _path = path;
        _store = store;
        _written = onDisk;
        Receive<HubConfigChanged>(changed =>
        {
            if (changed.Version <= Math.Max(_written, _waiting?.Version ?? 0)) return;
            _waiting = changed;
            WriteNext();
        });
        Receive<Written>(done =>
        {
            _writing = false;
            if (done.Error is null) _written = Math.Max(_written, done.Version);
            else if (!_warned)
            {
                // The node runs as before without it (it waits for the store at its next start): one warning, not one per change.
                _warned = true;
                _log.Warning("cannot keep the configuration's start copy {0}: {1}", _path, done.Error.Message);
            }
            WriteNext();
        });
    }

    /// <param name="store">The configuration store (it answers <see cref="GetCurrentHubConfig"/> once recovered).</param>
    /// <param name="onDisk">The version the copy already holds (the node started from it; 0: none): not written again.</param>
    public static Props Props(ConfigDatabase database, string path, IActorRef store, long onDisk = 0) =>
        Akka.Actor.Props.Create(() => new ConfigStartCopyWriter(database, path, store, onDisk));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(HubConfigChanged));
        _store.Tell(GetCurrentHubConfig.Instance);
    }

    private void WriteNext()
    {
        if (_writing || _waiting is not { } next) return;
        _waiting = null;
        _writing = true;
        WriteAsync(next).PipeTo(Self, success: () => new Written(next.Version, null), failure: e => new Written(next.Version, e.GetBaseException()));
    }

    private async Task WriteAsync(HubConfigChanged next)
    {
        var copy = await ConfigStartCopy.OfStoredAsync(_database, next.Version, next.Config, CancellationToken.None);
        await copy.WriteAsync(_path, CancellationToken.None);
    }
}
