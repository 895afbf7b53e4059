using Akka.Actor;
using SolarHub.Core.Configuration;

namespace SolarHub.Core.Adapters;

/// <summary>
/// The adapter's backoff supervisor: runs the connection actor as its child <c>connection</c> and, whenever that stops
/// (fault, reconnect asked for, or crash), starts a fresh one after the wait <see cref="RestartBackoff"/> decides. Unlike
/// Akka's BackoffSupervisor it hears from the bank whether the bank has a healthy adapter (<see cref="RetryUrgency"/>):
/// when it has none, a wait under way is cut to <c>down-retry</c>. Anything else it is sent goes to the running connection
/// (nowhere while it waits).
/// </summary>
public sealed class ConnectionRestarter : ReceiveActor, IWithTimers
{
    private sealed record StartConnection;

    // The connection it names has run for backoff-max: the next wait starts short again (as Akka's auto reset).
    private sealed record ConnectionLasted(IActorRef Connection);

    private readonly Props _connection;
    private readonly RestartBackoff _backoff;
    private readonly TimeSpan _resetAfter;
    private IActorRef? _child;
    private bool _urgent;
    private (DateTimeOffset Since, TimeSpan Planned)? _waiting;

    public ConnectionRestarter(Props connection, BankTimings timings, bool urgent)
    {
        _connection = connection;
        _backoff = new RestartBackoff(timings.BackoffMin, timings.BackoffMax, timings.DownRetry);
        _resetAfter = timings.BackoffMax;
        _urgent = urgent;

        Receive<Terminated>(t => OnStopped(t.ActorRef));
        Receive<StartConnection>(_ => Start());
        Receive<ConnectionLasted>(m =>
        {
            if (Equals(m.Connection, _child)) _backoff.Reset();
        });
        Receive<RetryUrgency>(m => OnUrgency(m.Urgent));
        ReceiveAny(m => _child?.Forward(m));
    }

    /// <param name="urgent">The bank has no healthy adapter now (see <see cref="RetryUrgency"/>).</param>
    public static Props Props(Props connection, BankTimings timings, bool urgent) =>
        Akka.Actor.Props.Create(() => new ConnectionRestarter(connection, timings, urgent));

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PreStart() => Start();

    // An unexpected exception stops the connection too, so both paths go through the same wait.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, -1, _ => Directive.Stop);

    private void Start()
    {
        _waiting = null;
        _child = Context.ActorOf(_connection, "connection");
        Context.Watch(_child);
        Timers.StartSingleTimer("lasted", new ConnectionLasted(_child), _resetAfter);
    }

    private void OnStopped(IActorRef connection)
    {
        if (!Equals(connection, _child)) return;
        _child = null;
        Timers.Cancel("lasted");
        var wait = _backoff.Next(_urgent, Random.Shared.NextDouble());
        _waiting = (Now, wait);
        Timers.StartSingleTimer("start", new StartConnection(), wait);
    }

    private void OnUrgency(bool urgent)
    {
        bool becameUrgent = urgent && !_urgent;
        _urgent = urgent;
        if (!becameUrgent || _waiting is not { } waiting) return;
        var remaining = _backoff.RemainingWhenUrgent(waiting.Planned, Now - waiting.Since);
        if (remaining >= waiting.Planned - (Now - waiting.Since)) return;
        _waiting = waiting with { Planned = Now - waiting.Since + remaining };
        Timers.StartSingleTimer("start", new StartConnection(), remaining);
    }
}
