using Akka.Actor;

namespace SolarHub.Node.Api.Events;

/// <summary>
/// The one actor that numbers the node's events: follows every streamed record on the event stream, appends it to
/// <see cref="RecentEvents"/> (id, replay buffer), then publishes the numbered <see cref="ServerEvent"/> for the
/// <c>GET /api/events</c> clients' subscribers. Appending before publishing is what lets a resuming client read the
/// buffer after subscribing without a gap. No serialisation here: it happens once, when a client first sends the event.
/// </summary>
public sealed class RecentEventsRecorder : ReceiveActor
{
    public const string Name = "solarhub-api-recent-events";

    public RecentEventsRecorder(RecentEvents recent)
    {
        ReceiveAny(message =>
        {
            if (!ServerEvent.Kinds.TryGetValue(message.GetType(), out var kind)) return;
            Context.System.EventStream.Publish(recent.Append(kind, message));
        });
    }

    public static Props Props(RecentEvents recent) => Akka.Actor.Props.Create(() => new RecentEventsRecorder(recent));

    protected override void PreStart()
    {
        foreach (var type in ServerEvent.Kinds.Keys) Context.System.EventStream.Subscribe(Self, type);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
