using System.Diagnostics;
using SolarHub.Core.Adapters;

namespace SolarHub.Core.Tests.Adapters;

public sealed class BusRhythmTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);
    private long _now = 1_000;

    private void Read(BusRhythm rhythm, double afterMs)
    {
        _now += (long)(afterMs / 1000 * Stopwatch.Frequency);
        rhythm.Observe(_now);
    }

    /// <summary>A JK master's traffic as reads: poll, frame and acknowledgement close together, then the inter-poll gap.</summary>
    private void Polls(BusRhythm rhythm, int polls, double intervalMs = 130)
    {
        for (int i = 0; i < polls; i++)
        {
            Read(rhythm, intervalMs - 8);
            Read(rhythm, 5);
            Read(rhythm, 3);
        }
    }

    [Fact]
    public void It_says_nothing_until_it_has_seen_128_reads_over_10_s()
    {
        var rhythm = new BusRhythm(3, Floor, Deadline);

        Polls(rhythm, 60); // 180 reads in 7.8 s
        rhythm.SilenceAfter.Should().BeNull("10 s of traffic have not passed yet");

        Polls(rhythm, 40); // 13 s
        rhythm.SilenceAfter.Should().NotBeNull();
    }

    [Fact]
    public void A_steady_master_allows_three_times_its_longest_gap()
    {
        var rhythm = new BusRhythm(3, Floor, Deadline);

        Polls(rhythm, 200);

        rhythm.SilenceAfter!.Value.TotalMilliseconds.Should().BeApproximately(3 * 122, 1);
    }

    [Fact]
    public void A_master_that_pauses_now_and_then_is_allowed_its_pause_three_times_over()
    {
        var rhythm = new BusRhythm(3, Floor, Deadline);

        for (int cycle = 0; cycle < 10; cycle++)
        {
            Read(rhythm, 400); // the pause before the settings polls
            Polls(rhythm, 30);
        }

        rhythm.SilenceAfter!.Value.TotalMilliseconds.Should().BeApproximately(3 * 400, 1);
    }

    [Fact]
    public void An_old_pause_is_forgotten_after_about_a_thousand_reads()
    {
        var rhythm = new BusRhythm(3, Floor, Deadline);
        Read(rhythm, 0);
        Read(rhythm, 500);
        Polls(rhythm, 100);
        rhythm.SilenceAfter!.Value.TotalMilliseconds.Should().BeApproximately(1500, 1);

        Polls(rhythm, BusRhythm.Buckets * BusRhythm.BucketSize / 3 + 30);

        rhythm.SilenceAfter!.Value.TotalMilliseconds.Should().BeApproximately(3 * 122, 1);
    }

    [Fact]
    public void A_fast_bus_is_still_given_the_floor()
    {
        var rhythm = new BusRhythm(3, Floor, Deadline);

        for (int i = 0; i < 2000; i++) Read(rhythm, 10);

        rhythm.SilenceAfter.Should().Be(Floor);
    }

    [Fact]
    public void A_bus_whose_rhythm_reaches_the_data_deadline_is_left_to_it()
    {
        var rhythm = new BusRhythm(3, Floor, Deadline);

        for (int i = 0; i < 200; i++) Read(rhythm, 700);

        rhythm.SilenceAfter.Should().BeNull("3 x 700 ms is beyond the 2 s data deadline");
    }

    [Fact]
    public void Factor_0_turns_it_off()
    {
        var rhythm = new BusRhythm(0, Floor, Deadline);

        Polls(rhythm, 300);

        rhythm.SilenceAfter.Should().BeNull();
    }

    [Fact]
    public void Observing_allocates_nothing()
    {
        var rhythm = new BusRhythm(3, Floor, Deadline);
        Polls(rhythm, 10);
        long before = GC.GetAllocatedBytesForCurrentThread();

        Polls(rhythm, 1000);

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
