using Akka.Actor;
using Akka.TestKit;
using SolarHub.Core.Telemetry;
using SolarHub.History.Recording;
using Xunit.Abstractions;

namespace SolarHub.History.Tests;

/// <summary>The sampler in virtual time: telemetry published on the event stream, batches to a probe standing in for the writer.</summary>
public sealed class HistorySamplerTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Config = """
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.log-dead-letters = off
        """;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestProbe _writer;

    public HistorySamplerTests(ITestOutputHelper output) : base(Config, output)
    {
        _writer = CreateTestProbe();
        var sampler = Sys.ActorOf(HistorySampler.Props(_writer.Ref, Interval));
        // Answered once the sampler has started: subscribed and its timer running.
        sampler.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10)).Wait();
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private static PackTelemetry Pack(byte address, DateTimeOffset at, int soc, bool stale = false) =>
        new("b1", address, "gw", at, stale, [3.2, 3.3], 3.2, 3.3, 0.1, 52.1, -5, -260.5, soc, 99, 100, 200, 17, 30, [21, 23.5], [], true, true, false);

    private static BankTelemetry Bank(DateTimeOffset at, double soc, bool stale = false) =>
        new("b1", at, BankState.Healthy, "gw", 2, 2, stale, 52.1, -10, -521, soc, 200, 400, 3.2, 3.3, 21, 23.5, []);

    [Fact]
    public void Every_interval_the_latest_fresh_values_are_handed_over_once()
    {
        Sys.EventStream.Publish(Pack(1, T0, 50));
        Sys.EventStream.Publish(Pack(1, T0.AddSeconds(1), 51));
        Sys.EventStream.Publish(Pack(2, T0.AddSeconds(1), 60));
        Sys.EventStream.Publish(Bank(T0.AddSeconds(1), 55));
        Clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        _writer.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var batch = _writer.ExpectMsg<HistoryBatch>();
        batch.Samples.Select(s => (s.Pack, s.At, s.Values[0])).Should().BeEquivalentTo(new (byte?, DateTimeOffset, double?)[]
        {
            (null, T0.AddSeconds(1), 55), (1, T0.AddSeconds(1), 51), (2, T0.AddSeconds(1), 60),
        });
        batch.Samples.Single(s => s.Pack == 1).Values.Should().Equal(51, 52.1, -5, -260.5, 3.2, 3.3, 0.1, 21, 23.5, 17);

        // Nothing new: no batch, no repeated last value.
        Clock.Advance(Interval);
        _writer.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Sys.EventStream.Publish(Pack(1, T0.AddSeconds(21), 52));
        Clock.Advance(Interval);
        _writer.ExpectMsg<HistoryBatch>().Samples.Select(s => s.Values[0]).Should().Equal(52);
    }

    [Fact]
    public void Stale_values_are_never_sampled()
    {
        Sys.EventStream.Publish(Pack(1, T0, 50));
        Sys.EventStream.Publish(Pack(2, T0, 60));
        Sys.EventStream.Publish(Bank(T0, 55));
        Sys.EventStream.Publish(Pack(1, T0, 50, stale: true));
        Sys.EventStream.Publish(Bank(T0, 55, stale: true));
        Clock.Advance(Interval);
        _writer.ExpectMsg<HistoryBatch>().Samples.Select(s => s.Pack).Should().Equal((byte)2);
    }
}
