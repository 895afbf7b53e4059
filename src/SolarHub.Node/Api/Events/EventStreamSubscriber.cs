using System.Threading.Channels;
using Akka.Actor;

namespace SolarHub.Node.Api.Events;

/// <summary>
/// One <c>GET /api/events</c> client: subscribes to the bank events on the event stream and hands them to the HTTP
/// response through a bounded channel. Writing never waits: when the client is slower than the events, the channel
/// drops the oldest, so a slow client never holds up the actor system. Stopped when the client disconnects.
/// </summary>
public sealed class EventStreamSubscriber : ReceiveActor
{
    private readonly ChannelWriter<ServerEvent> _out;
    private readonly string? _bank;
    private readonly IReadOnlyCollection<Type> _types;

    /// <param name="types">The record types this client asked for: only those are subscribed to, so a client that
    /// wants failovers does not cost a JSON serialisation of every pack frame.</param>
    public EventStreamSubscriber(ChannelWriter<ServerEvent> output, string? bankId, IReadOnlyCollection<Type> types)
    {
        _out = output;
        _bank = bankId;
        _types = types;
        ReceiveAny(message =>
        {
            if (!ServerEvent.Kinds.TryGetValue(message.GetType(), out var kind)) return;
            if (_bank is not null && ServerEvent.BankOf(message) != _bank) return;
            _out.TryWrite(new ServerEvent(kind, message));
        });
    }

    public static Props Props(ChannelWriter<ServerEvent> output, string? bankId, IReadOnlyCollection<Type>? types = null) =>
        Akka.Actor.Props.Create(() => new EventStreamSubscriber(output, bankId, types ?? ServerEvent.Kinds.Keys.ToList()));

    protected override void PreStart()
    {
        foreach (var type in _types) Context.System.EventStream.Subscribe(Self, type);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _out.TryComplete();
    }
}
