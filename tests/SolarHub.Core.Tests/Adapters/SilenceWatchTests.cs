using System.Diagnostics;
using SolarHub.Core.Adapters;

namespace SolarHub.Core.Tests.Adapters;

public sealed class SilenceWatchTests
{
    [Fact]
    public async Task A_bus_quiet_for_longer_than_allowed_cancels_the_reads()
    {
        using var watch = new SilenceWatch(CancellationToken.None, Stopwatch.GetTimestamp());
        var clock = Stopwatch.StartNew();

        watch.Allow(TimeSpan.FromMilliseconds(200));

        await Task.Delay(Timeout.Infinite, watch.Token).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
    }

    [Fact]
    public void Reads_that_keep_coming_keep_it_quiet_and_without_an_allowance_it_never_fires()
    {
        // On the watch's own timeline (Check is what the clock calls), so that a machine busy enough to stall a test for
        // a second cannot fail it: CI once saw a 20 ms delay take over the allowance of 1 s. The reads are stamped ahead
        // of the real clock, which therefore finds nothing to do with this watch meanwhile.
        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        long At(double seconds) => start + (long)(seconds * Stopwatch.Frequency);
        using var watch = new SilenceWatch(CancellationToken.None, start);
        watch.Allow(TimeSpan.FromSeconds(1));

        for (double t = 0.02; t <= 1.5; t += 0.02)
        {
            long read = At(t);
            watch.ReadCompleted(read);
            watch.Check(read + Stopwatch.Frequency / 100).Should().Be(read + Stopwatch.Frequency, "the next deadline is a second after the latest read");
        }
        watch.Token.IsCancellationRequested.Should().BeFalse("a read came every 20 ms");
        watch.Check(At(3)).Should().Be(long.MaxValue, "quiet for 1.5 s after the last read, past its allowance");
        watch.Token.IsCancellationRequested.Should().BeTrue();

        using var unwatched = new SilenceWatch(CancellationToken.None, start);
        unwatched.Allow(TimeSpan.FromSeconds(1));
        unwatched.Allow(null);
        unwatched.Check(At(10)).Should().Be(long.MaxValue);
        unwatched.Token.IsCancellationRequested.Should().BeFalse("nothing is allowed means nothing is watched");
    }

    [Fact]
    public void The_connection_ending_cancels_it_too()
    {
        using var lifetime = new CancellationTokenSource();
        using var watch = new SilenceWatch(lifetime.Token, Stopwatch.GetTimestamp());

        lifetime.Cancel();

        watch.Token.IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public void The_clock_sleeps_until_the_earliest_deadline_within_its_bounds()
    {
        long now = 1_000_000_000;
        long Ms(double ms) => now + (long)(ms * Stopwatch.Frequency / 1000);

        SilenceClock.NextDelay(now, Ms(60)).Should().Be(TimeSpan.FromMilliseconds(61), "to the deadline, a millisecond late rather than early");
        SilenceClock.NextDelay(now, Ms(3)).Should().Be(SilenceClock.Resolution, "never more often than the resolution");
        SilenceClock.NextDelay(now, Ms(-10)).Should().Be(SilenceClock.Resolution);
        SilenceClock.NextDelay(now, Ms(450)).Should().Be(SilenceClock.MaxInterval, "an allowance that shrinks is seen within the longest interval");
        SilenceClock.NextDelay(now, long.MaxValue).Should().Be(SilenceClock.MaxInterval);
    }

    [Fact]
    public void A_watch_says_its_deadline_and_after_firing_that_it_is_no_longer_watched()
    {
        long start = Stopwatch.GetTimestamp();
        using var watch = new SilenceWatch(CancellationToken.None, start);
        watch.Check(start).Should().Be(long.MaxValue, "nothing is allowed yet");
        long allowed = Stopwatch.Frequency / 2;
        watch.Allow(TimeSpan.FromSeconds(0.5));

        watch.Check(start + allowed - 1).Should().Be(start + allowed);
        watch.Token.IsCancellationRequested.Should().BeFalse();
        watch.Check(start + allowed).Should().Be(long.MaxValue);
        watch.Token.IsCancellationRequested.Should().BeTrue();
    }
}
