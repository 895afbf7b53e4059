using System.Diagnostics;
using SolarHub.Bench.Faults;
using SolarHub.Core.Telemetry;

namespace SolarHub.Cli.Tests.Faults;

/// <summary>The plain recorder behind every fault row: what it answers decides the rows' figures.</summary>
public sealed class BankWatchTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void The_longest_gap_counts_only_fresh_telemetry_of_the_chosen_packs_and_the_window_edges()
    {
        var watch = new BankWatch();
        watch.Record(Pack(1, stale: false), 1 * Second);
        watch.Record(Pack(2, stale: false), 2 * Second);
        watch.Record(Pack(1, stale: true), 3 * Second);
        watch.Record(Pack(1, stale: false), 5 * Second);

        watch.LongestGap(0, 6 * Second).Length.Should().Be(TimeSpan.FromSeconds(3), "2 s to 5 s, the stale reading is no reading");
        watch.LongestGap(0, 6 * Second, a => a == 1).Length.Should().Be(TimeSpan.FromSeconds(4), "pack 1: 1 s to 5 s");
        watch.LongestGap(0, 10 * Second).Length.Should().Be(TimeSpan.FromSeconds(5), "the end of the window counts: 5 s to 10 s without anything");
    }

    [Fact]
    public void Leaving_healthy_and_failovers_are_found_after_the_given_time_only()
    {
        var watch = new BankWatch();
        watch.Record(new AdapterStateChanged("b", "primary", DateTimeOffset.UnixEpoch, AdapterState.Healthy, AdapterState.Restarting, "early"), 1 * Second);
        watch.Record(new AdapterStateChanged("b", "primary", DateTimeOffset.UnixEpoch, AdapterState.Restarting, AdapterState.Healthy, "back"), 2 * Second);
        watch.Record(new AdapterStateChanged("b", "primary", DateTimeOffset.UnixEpoch, AdapterState.Healthy, AdapterState.Silent, "late"), 4 * Second);
        watch.Record(new FailoverOccurred("b", DateTimeOffset.UnixEpoch, "primary", "secondary", "late", false), 4 * Second);

        watch.LeftHealthy(3 * Second, "primary")!.Event.Reason.Should().Be("late");
        watch.LeftHealthy(3 * Second, "secondary").Should().BeNull();
        watch.Failovers(0, 3 * Second).Should().BeEmpty();
        watch.Failovers(3 * Second).Should().ContainSingle();
    }

    [Fact]
    public void Log_events_count_only_when_they_carry_an_exception()
    {
        var watch = new BankWatch();
        watch.Record(new Akka.Event.Warning("bank", typeof(BankWatchTests), "a fault, expected"), 1 * Second);
        watch.Record(new Akka.Event.Error(new IOException("boom"), "bank", typeof(BankWatchTests), "a crash"), 2 * Second);

        watch.Exceptions(0).Should().ContainSingle().Which.Text.Should().Contain("boom");
    }

    [Fact]
    public async Task A_wait_ends_when_the_event_arrives_and_gives_up_at_its_bound()
    {
        var watch = new BankWatch();
        var waiting = watch.WaitForAsync(() => watch.FirstFresh(0, "secondary"), TimeSpan.FromSeconds(30), CancellationToken.None);
        watch.Record(Pack(1, stale: false, adapter: "primary"), 1);
        watch.Record(Pack(2, stale: false, adapter: "secondary"), 2);

        (await waiting.WaitAsync(TimeSpan.FromSeconds(10)))!.Address.Should().Be(2);
        (await watch.WaitForAsync(() => watch.FirstStale(0, 3), TimeSpan.FromMilliseconds(50), CancellationToken.None)).Should().BeNull();
    }

    private static PackTelemetry Pack(byte address, bool stale, string adapter = "primary") =>
        new("b", address, adapter, DateTimeOffset.UnixEpoch, stale, [], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, [], [], false, false, false);
}
