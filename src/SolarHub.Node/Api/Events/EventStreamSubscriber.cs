using System.Threading.Channels;
using Akka.Actor;

namespace SolarHub.Node.Api.Events;

/// <summary>
/// One <c>GET /api/events</c> client: follows the numbered events (<see cref="RecentEventsRecorder"/>) on the event
/// stream and hands those the client asked for to the HTTP response through a bounded channel. Writing never waits:
/// when the client is slower than the events, the channel drops the oldest, so a slow client never holds up the
/// actor system. Stopped when the client disconnects.
/// </summary>
public sealed class EventStreamSubscriber : ReceiveActor
{
    private readonly ChannelWriter<ServerEvent> _out;

    /// <param name="filter">The bank and kinds this client asked for: others are skipped here, never serialised.</param>
    public EventStreamSubscriber(ChannelWriter<ServerEvent> output, EventStreamFilter filter)
    {
        _out = output;
        Receive<ServerEvent>(e =>
        {
            if (filter.Accepts(e)) _out.TryWrite(e);
        });
    }

    public static Props Props(ChannelWriter<ServerEvent> output, EventStreamFilter? filter = null) =>
        Akka.Actor.Props.Create(() => new EventStreamSubscriber(output, filter ?? EventStreamFilter.All));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ServerEvent));

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _out.TryComplete();
    }
}
