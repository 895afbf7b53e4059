using System.Threading.Channels;
using Akka.Actor;
using SolarHub.Core.Telemetry;
using SolarHub.Node.Api.Events;

namespace SolarHub.Node.Tests;

/// <summary>The per-client subscriber never waits for a slow client: a full buffer loses its oldest events.</summary>
public sealed class EventStreamSubscriberTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("subscriber-test", "akka.loglevel = WARNING");
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    [Fact]
    public async Task A_client_that_does_not_read_keeps_only_the_newest_events_and_the_subscriber_keeps_up()
    {
        int dropped = 0;
        var channel = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(3) { FullMode = BoundedChannelFullMode.DropOldest }, _ => Interlocked.Increment(ref dropped));
        var subscriber = _system.ActorOf(EventStreamSubscriber.Props(channel.Writer, EventStreamFilter.All with { BankId = "b1" }));
        await Identified(subscriber); // subscribed once started

        for (int i = 0; i < 10; i++) _system.EventStream.Publish(AsEvent(Alarm("b1", i)));
        _system.EventStream.Publish(AsEvent(Alarm("other-bank", 99)));
        await Identified(subscriber); // the actor handled every event: it never blocked on the full channel

        dropped.Should().Be(7);
        var kept = new List<ServerEvent>();
        while (channel.Reader.TryRead(out var e)) kept.Add(e);
        kept.Select(e => ((BankAlarm)e.Data).Message).Should().Equal("7", "8", "9");
        kept.Should().OnlyContain(e => e.Kind == "bank-alarm");
    }

    [Fact]
    public async Task A_stopped_subscriber_completes_the_channel_so_the_response_ends()
    {
        var channel = Channel.CreateBounded<ServerEvent>(4);
        var subscriber = _system.ActorOf(EventStreamSubscriber.Props(channel.Writer));
        await Identified(subscriber);

        _system.Stop(subscriber);

        await channel.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static ServerEvent AsEvent(BankAlarm alarm) => new(EventKinds.BankAlarm, alarm);

    private static BankAlarm Alarm(string bank, int n) => new(bank, DateTimeOffset.UtcNow, BankAlarmKind.PackStale, n.ToString(), Cleared: false);

    private static Task<ActorIdentity> Identified(IActorRef actor) => actor.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
}
