using Akka.Actor;

namespace SolarHub.Node.Api.Actors;

/// <summary>
/// Discovers the live actor hierarchy below a path: sends <see cref="Identify"/> to <c>path/*</c>, then to the
/// children of every actor that answers. Nobody knows in advance how many actors will answer, so the walk ends when
/// no answer came for <c>quiet</c> (or at <c>deadline</c>); it then replies with the paths found and stops.
/// One walker per <see cref="Walk"/>; it runs under /system so it never finds itself.
/// </summary>
public sealed class ActorTreeWalker : ReceiveActor, IWithTimers
{
    /// <summary>Starts the walk; the asker gets <see cref="Found"/>.</summary>
    public sealed record Walk(ActorPath Root);

    /// <summary>The paths found, the root included; <see cref="Complete"/> is false when the deadline cut the walk short.</summary>
    public sealed record Found(IReadOnlyList<ActorPath> Paths, bool Complete);

    private sealed record Deadline;

    private readonly HashSet<ActorPath> _found = [];
    private IActorRef _replyTo = ActorRefs.Nobody;

    public ActorTreeWalker(TimeSpan quiet, TimeSpan deadline)
    {
        Receive<Walk>(m =>
        {
            _replyTo = Sender;
            _found.Add(m.Root);
            Explore(m.Root);
            SetReceiveTimeout(quiet);
            Timers.StartSingleTimer("deadline", new Deadline(), deadline);
        });
        Receive<ActorIdentity>(m =>
        {
            if (m.Subject is { } subject && _found.Add(subject.Path)) Explore(subject.Path);
        });
        Receive<ReceiveTimeout>(_ => Finish(complete: true));
        Receive<Deadline>(_ => Finish(complete: false));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TimeSpan quiet, TimeSpan deadline) =>
        Akka.Actor.Props.Create(() => new ActorTreeWalker(quiet, deadline));

    private void Explore(ActorPath path) =>
        Context.ActorSelection(path.ToStringWithoutAddress() + "/*").Tell(new Identify(path.ToStringWithoutAddress()), Self);

    private void Finish(bool complete)
    {
        _replyTo.Tell(new Found(_found.ToList(), complete));
        Context.Stop(Self);
    }
}
