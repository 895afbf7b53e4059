using Akka.Actor;
using Akka.Event;

namespace SolarHub.ConfigStore;

/// <summary>
/// How a store notices that another client stored a change: it reads the journal's latest version
/// (<see cref="StoredVersion"/>) every <see cref="HubConfigStore.FollowInterval"/>, off the actor's thread (SQLite's
/// driver answers synchronously) and one read at a time, and says once, while it lasts, that the version cannot be read.
/// Once it has found a newer version it reads no more: its store is about to be replaced by one recovered from the journal.
/// Both stores use it: the <see cref="HubConfigStore"/> and the <see cref="RestingConfigStore"/>.
/// </summary>
internal sealed class JournalFollower(Func<CancellationToken, Task<long?>> storedVersion, ILoggingAdapter log) : IDisposable
{
    /// <summary>The actor's periodic tick: time to read the stored version.</summary>
    public sealed record Check
    {
        public static Check Instance { get; } = new();
    }

    /// <summary>What the journal holds (null: none), or why it could not be read (the next check tries again).</summary>
    public sealed record Read(long? Version, string? Failure = null) : IDeadLetterSuppression;

    private readonly CancellationTokenSource _stopping = new();
    private bool _reading;
    private bool _unreadable;
    private bool _found;

    /// <summary>Starts a read whose <see cref="Read"/> goes to <paramref name="self"/>, unless one is under way.</summary>
    public void Start(IActorRef self)
    {
        if (_reading || _found) return;
        _reading = true;
        var ct = _stopping.Token;
        Task.Run(() => storedVersion(ct), ct).PipeTo(self, success: version => new Read(version), failure: e => new Read(null, e.GetBaseException().Message));
    }

    /// <summary>
    /// The stored version when it is newer than <paramref name="current"/>, said once; null otherwise (or when it could
    /// not be read).
    /// </summary>
    public long? NewerThan(Read read, long current)
    {
        _reading = false;
        if (_found) return null;
        if (read.Failure is not null)
        {
            // Once while it lasts, not five times a second: a database being restored or a server restarting.
            if (!_unreadable) log.Info("the configuration's stored version cannot be read ({0}); other clients' changes are seen once it can", read.Failure);
            _unreadable = true;
            return null;
        }
        _unreadable = false;
        if (read.Version is not { } version || version <= current) return null;
        _found = true;
        return version;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
