using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Banks;

/// <summary>What a bank knows about one of its adapters, from heartbeats and frames only. Owned by the bank actor.</summary>
public sealed class AdapterTracker(AdapterConfig config, int rank)
{
    private readonly Queue<DateTimeOffset> _recentFaults = new();

    public AdapterConfig Config { get; private set; } = config;
    public string Id => Config.Id;

    /// <summary>Position in the failover order (0 = preferred).</summary>
    public int Rank { get; set; } = rank;

    public AdapterState State { get; private set; } = AdapterState.Stopped;
    public string StateReason { get; private set; } = "not started";
    public IActorRef? Child { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ConnectedAt { get; private set; }
    public DateTimeOffset? LastHeartbeat { get; private set; }
    public DateTimeOffset? FirstFrameAt { get; private set; }
    public DateTimeOffset? LastFrameAt { get; private set; }
    public DateTimeOffset? HealthySince { get; private set; }
    public ushort PacksSeenMask { get; private set; }
    public long Bytes { get; private set; }
    public long Frames { get; private set; }
    public long ChecksumErrors { get; private set; }
    public long DiscardedBytes { get; private set; }
    public int Restarts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The silence its bus's rhythm allows, as its latest heartbeat said (null: not learned, or not passive).</summary>
    public TimeSpan? SilenceAfter { get; private set; }

    /// <summary>Its faults since it was last healthy, for the log.</summary>
    public FaultStreak Streak { get; } = new();

    /// <summary>Latest readings by pack address, kept so a failover can publish the new adapter's fresh data at once.</summary>
    public Dictionary<byte, (CellInfo Values, DateTimeOffset At)> Latest { get; } = new();

    public bool IsRunning => Child is not null;

    public void Reconfigure(AdapterConfig config) => Config = config;

    /// <summary>Changes state; returns the event to publish, or null when nothing changed.</summary>
    public AdapterStateChanged? MoveTo(AdapterState state, string reason, string bankId, DateTimeOffset now)
    {
        if (state == State) return null;
        var change = new AdapterStateChanged(bankId, Id, now, State, state, reason) { Retry = Streak.Repeating && state != AdapterState.Healthy };
        State = state;
        StateReason = reason;
        HealthySince = state == AdapterState.Healthy ? now : null;
        if (state is not (AdapterState.Healthy or AdapterState.Receiving)) ResetConnection();
        return change;
    }

    public void Connected(DateTimeOffset now)
    {
        ResetConnection();
        ConnectedAt = now;
        LastHeartbeat = now;
    }

    public void Heartbeat(DateTimeOffset now, long bytes, long frames, long checksumErrors, long discardedBytes = 0, TimeSpan? silenceAfter = null)
    {
        SilenceAfter = silenceAfter;
        DiscardedBytes += discardedBytes;
        LastHeartbeat = now;
        Bytes += bytes;
        Frames += frames;
        ChecksumErrors += checksumErrors;
    }

    public void Reading(byte address, in CellInfo values, DateTimeOffset now)
    {
        FirstFrameAt ??= now;
        LastFrameAt = now;
        PacksSeenMask |= (ushort)(1 << address);
        Latest[address] = (values, now);
    }

    /// <summary>Records a crash; true when the restart budget within its window is exhausted.</summary>
    public bool Faulted(string reason, DateTimeOffset now, int budget, TimeSpan window)
    {
        Restarts++;
        LastError = reason;
        _recentFaults.Enqueue(now);
        while (_recentFaults.Count > 0 && now - _recentFaults.Peek() > window) _recentFaults.Dequeue();
        return _recentFaults.Count > budget;
    }

    public void Stopped()
    {
        Child = null;
        StartedAt = null;
        LastHeartbeat = null;
    }

    private void ResetConnection()
    {
        ConnectedAt = null;
        SilenceAfter = null;
        FirstFrameAt = null;
        LastFrameAt = null;
        PacksSeenMask = 0;
        Latest.Clear();
    }
}
