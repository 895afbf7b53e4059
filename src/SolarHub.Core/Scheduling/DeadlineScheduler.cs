using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace SolarHub.Core.Scheduling;

/// <summary>
/// Akka's scheduler, woken only when something is due. Akka's own (<see cref="HashedWheelTimerScheduler"/>) ticks every
/// <c>akka.scheduler.tick-duration</c> (10 ms) whether anything is due or not: on an idle node that was some 340 wake-ups
/// a second of the runtime's timer thread and as many of the pool's, most of a small board's idle CPU
/// (docs/benchmarks.md, issue 15). This one keeps the work in a <see cref="DeadlineQueue{T}"/> and sets one .NET timer
/// for the end of the tick that holds the earliest: work runs on the same tick grid as on the wheel (never early, at most
/// a tick late, all that is due in one wake-up), and a node with nothing due sleeps.
/// Enabled with <see cref="Hocon"/>.
/// </summary>
public sealed class DeadlineScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    /// <summary>The setting that makes an actor system use it.</summary>
    public const string Hocon = "akka.scheduler.implementation = \"SolarHub.Core.Scheduling.DeadlineScheduler, SolarHub.Core\"";

    private sealed record Work(Action Run, ICancelable? Cancelable, long Interval)
    {
        public bool Cancelled => Cancelable?.IsCancellationRequested == true;
    }

    private static readonly TimeSpan DefaultTick = TimeSpan.FromMilliseconds(10);

    private readonly Lock _gate = new();
    private readonly DeadlineQueue<Work> _queue;
    private readonly Timer _timer;
    private long _armedFor = long.MaxValue;
    private bool _disposed;
    private long _wakeups;

    public DeadlineScheduler(Config scheduler, ILoggingAdapter log) : base(scheduler, log)
    {
        var tick = scheduler.GetTimeSpan("akka.scheduler.tick-duration", DefaultTick, allowInfinite: false);
        _queue = new DeadlineQueue<Work>(Math.Max(1, Ticks(tick <= TimeSpan.Zero ? DefaultTick : tick)));
        _timer = new Timer(static state => ((DeadlineScheduler)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>How many times the scheduler woke to run work (for the tests that hold an idle one asleep).</summary>
    internal long Wakeups => Interlocked.Read(ref _wakeups);

    protected override DateTimeOffset TimeNow => DateTimeOffset.Now;

    public override TimeSpan MonotonicClock => AkkaClock.Elapsed();

    public override TimeSpan HighResMonotonicClock => AkkaClock.ElapsedHighRes();

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender,
        ICancelable cancelable) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) => Schedule(delay, TimeSpan.Zero, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan interval, Action run, ICancelable? cancelable)
    {
        var work = new Work(run, cancelable, interval > TimeSpan.Zero ? Math.Max(1, Ticks(interval)) : 0);
        if (work.Cancelled) return;
        long due = Stopwatch.GetTimestamp() + Math.Max(0, Ticks(delay));
        lock (_gate)
        {
            if (_disposed) return;
            _queue.Add(work, due);
            ArmLocked();
        }
    }

    private void Fire()
    {
        var due = new List<(Work Entry, long Due)>();
        lock (_gate)
        {
            _armedFor = long.MaxValue;
            if (_disposed) return;
            _queue.TakeDue(Stopwatch.GetTimestamp(), due);
        }
        Interlocked.Increment(ref _wakeups);
        List<(Work, long)>? again = null;
        foreach (var (work, at) in due)
        {
            if (work.Cancelled) continue;
            try { work.Run(); }
            catch (Exception e) { Log.Error(e, "scheduled work failed"); }
            // Fixed rate, as on the wheel; after a stall (a suspended process) it runs once and goes on from now.
            if (work.Interval > 0 && !work.Cancelled) (again ??= []).Add((work, Math.Max(at + work.Interval, Stopwatch.GetTimestamp())));
        }
        lock (_gate)
        {
            if (_disposed) return;
            if (again is not null) foreach (var (work, at) in again) _queue.Add(work, at);
            ArmLocked();
        }
    }

    // Under _gate: the timer goes off at the next wake-up, unless it already does sooner.
    private void ArmLocked()
    {
        long wake = _queue.NextWake;
        if (wake >= _armedFor) return;
        _armedFor = wake;
        long wait = wake - Stopwatch.GetTimestamp();
        // Whole milliseconds, rounded up: the timer must not go off before the tick's end.
        _timer.Change(wait <= 0 ? 0 : (long)Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency), Timeout.Infinite);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _queue.Clear();
        }
        _timer.Dispose();
    }
}
