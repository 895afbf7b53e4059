using Akka.Actor;
using Akka.Event;
using SolarHub.History.Querying;
using SolarHub.History.Storage;

namespace SolarHub.History.Recording;

/// <summary>
/// Owns the history store. Buffers the sampler's batches and writes them every flush interval, in batches of at most
/// batch-size samples, one write in flight (asynchronously, piped back). When the database fails the samples stay
/// buffered and the write is retried with a doubling backoff; a full buffer drops its oldest samples with a warning
/// saying how many and from when. Also runs retention periodically and answers <see cref="HistoryQuery"/> and
/// <see cref="GetHistoryStatus"/>.
/// </summary>
public sealed class HistoryWriter : ReceiveActor, IWithTimers
{
    private readonly IHistoryStore _store;
    private readonly HistoryOptions _options;
    private readonly SampleBuffer _buffer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _flushWaiters = [];
    private List<HistorySample>? _inFlight;
    private bool _draining;
    private bool _backingOff;
    private TimeSpan _backoff;
    private bool _retentionRunning;
    private long _written;
    private long _failedWrites;
    private long _droppedTotal;
    private DateTimeOffset? _lastWriteAt;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _failingSince;

    public HistoryWriter(IHistoryStore store, HistoryOptions options)
    {
        _store = store;
        _options = options;
        _buffer = new SampleBuffer(options.BufferLimit);
        _backoff = options.RetryBackoffMin;

        Receive<HistoryBatch>(batch => Report(_buffer.Add(batch.Samples)));
        Receive<FlushTick>(_ => Drain());
        Receive<FlushHistory>(_ =>
        {
            _flushWaiters.Add(Sender);
            Drain();
        });
        Receive<Written>(OnWritten);
        Receive<WriteFailed>(OnWriteFailed);
        Receive<RetryTick>(_ =>
        {
            _backingOff = false;
            Drain();
        });
        Receive<RetentionTick>(_ => StartRetention());
        Receive<RetentionDone>(done =>
        {
            _retentionRunning = false;
            if (done.Error is not null) _log.Warning("history: retention failed on {0}: {1}", _store.Description, done.Error);
            else if (done.Deleted > 0) _log.Info("history: retention deleted {0} expired rows", done.Deleted);
        });
        Receive<GetHistoryStatus>(_ => Sender.Tell(Status()));
        Receive<HistoryQuery>(query => OffDispatcher(() => _store.QueryAsync(query)).PipeTo(Sender, failure: e => new HistoryQueryFailed(e.GetBaseException().Message)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IHistoryStore store, HistoryOptions options) => Akka.Actor.Props.Create(() => new HistoryWriter(store, options));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("flush", FlushTick.Instance, _options.FlushInterval);
        Timers.StartPeriodicTimer("retention", RetentionTick.Instance, _options.FlushInterval, _options.RetentionInterval);
    }

    protected override void PostStop()
    {
        if (_buffer.Count + (_inFlight?.Count ?? 0) > 0)
            _log.Warning("history: stopped with {0} samples not written to {1}", _buffer.Count + (_inFlight?.Count ?? 0), _store.Description);
    }

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    /// <summary>Writes batch after batch until the buffer is empty, unless a write is in flight or the database is failing.</summary>
    private void Drain()
    {
        _draining = true;
        if (_inFlight is not null || _backingOff) return;
        if (_buffer.Count == 0)
        {
            _draining = false;
            AnswerFlushWaiters();
            return;
        }
        var batch = _inFlight = _buffer.Take(_options.BatchSize);
        OffDispatcher(() => _store.WriteAsync(batch)).PipeTo(Self, success: stored => new Written(batch.Count, stored), failure: e => new WriteFailed(e));
    }

    private void OnWritten(Written written)
    {
        _inFlight = null;
        _written += written.Stored;
        _lastWriteAt = Now;
        if (_failingSince is not null)
            _log.Info("history: writing to {0} again after a failure since {1:O}; {2} samples buffered", _store.Description, _failingSince, _buffer.Count);
        _failingSince = null;
        _backoff = _options.RetryBackoffMin;
        if (_draining) Drain();
    }

    private void OnWriteFailed(WriteFailed failed)
    {
        var batch = _inFlight ?? [];
        _inFlight = null;
        _failedWrites++;
        _lastError = failed.Cause.GetBaseException().Message;
        _lastErrorAt = Now;
        _failingSince ??= Now;
        _log.Warning("history: writing {0} samples to {1} failed ({2}); {3} samples buffered, retrying in {4:0.#} s",
            batch.Count, _store.Description, _lastError, _buffer.Count + batch.Count, _backoff.TotalSeconds);
        Report(_buffer.Return(batch));
        _backingOff = true;
        Timers.StartSingleTimer("retry", RetryTick.Instance, _backoff);
        _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _options.RetryBackoffMax.Ticks));
        AnswerFlushWaiters();
    }

    private void Report(DroppedSamples? dropped)
    {
        if (dropped is not { } d) return;
        _droppedTotal += d.Count;
        _log.Warning($"history: buffer full ({_buffer.Limit} samples; {_store.Description} failing since {_failingSince:O}): " +
            $"dropped the {d.Count} oldest samples, taken from {d.From:O} to {d.To:O} ({_droppedTotal} dropped so far)");
    }

    private void AnswerFlushWaiters()
    {
        foreach (var waiter in _flushWaiters) waiter.Tell(new HistoryFlushed(_buffer.Count + (_inFlight?.Count ?? 0)));
        _flushWaiters.Clear();
    }

    private void StartRetention()
    {
        if (_retentionRunning) return;
        _retentionRunning = true;
        var now = Now;
        OffDispatcher(() => _store.DeleteExpiredAsync(now - _options.RawRetention, now - _options.HourlyRetention))
            .PipeTo(Self, success: deleted => new RetentionDone(deleted, null), failure: e => new RetentionDone(0, e.GetBaseException().Message));
    }

    /// <summary>
    /// Microsoft.Data.Sqlite runs its "async" calls synchronously, so a batch transaction, a retention DELETE or a long
    /// query would otherwise run inside this actor's handler on the dispatcher the banks share.
    /// </summary>
    private static Task<T> OffDispatcher<T>(Func<Task<T>> work) => Task.Run(work);

    private HistoryStatus Status() => new(_store.Description, _buffer.Count + (_inFlight?.Count ?? 0), _buffer.Limit, _written, _failedWrites, _droppedTotal,
        _lastWriteAt, _lastError, _lastErrorAt, _failingSince);

    private sealed record Written(int Taken, int Stored);
    private sealed record WriteFailed(Exception Cause);
    private sealed record RetentionDone(long Deleted, string? Error);

    private sealed class FlushTick
    {
        public static readonly FlushTick Instance = new();
    }

    private sealed class RetryTick
    {
        public static readonly RetryTick Instance = new();
    }

    private sealed class RetentionTick
    {
        public static readonly RetentionTick Instance = new();
    }
}
