using SolarHub.Core.Adapters;

namespace SolarHub.Core.Tests.Adapters;

public class RestartBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DownRetry = TimeSpan.FromMilliseconds(500);

    private static RestartBackoff Backoff() => new(Min, Max, DownRetry);

    private static IEnumerable<double> Waits(RestartBackoff backoff, int count, bool urgent, double random = 0) =>
        Enumerable.Range(0, count).Select(_ => backoff.Next(urgent, random).TotalMilliseconds).ToList();

    [Fact]
    public void With_a_healthy_adapter_in_the_bank_the_wait_doubles_from_backoff_min_up_to_backoff_max()
    {
        Waits(Backoff(), 9, urgent: false).Should().Equal(200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000);
    }

    [Fact]
    public void With_no_healthy_adapter_in_the_bank_the_wait_never_exceeds_down_retry_however_often_it_failed()
    {
        var backoff = Backoff();

        Waits(backoff, 3, urgent: false).Should().Equal([200.0, 400, 800], "a standby of a healthy bank backs off");
        Waits(backoff, 40, urgent: true).Should().AllSatisfy(ms => ms.Should().Be(500));
        backoff.Restarts.Should().Be(43, "the count carries on, so a healthy bank gets the long waits back at once");
        Waits(backoff, 1, urgent: false).Should().Equal(10_000);
    }

    [Fact]
    public void Jitter_adds_up_to_a_fifth_to_the_exponential_wait_but_takes_it_off_the_cap()
    {
        Waits(Backoff(), 2, urgent: false, random: 0.5).Should().Equal(220, 440);
        Waits(Backoff(), 2, urgent: true, random: 0.5).Should().Equal([220.0, 440], "below the cap the exponential wait holds");
        Waits(Backoff(), 4, urgent: true, random: 0.999).Should().AllSatisfy(ms => ms.Should().BeLessThanOrEqualTo(500));
        Waits(Backoff(), 4, urgent: true, random: 0.5).Last().Should().Be(450);
    }

    [Fact]
    public void A_reset_starts_again_from_backoff_min()
    {
        var backoff = Backoff();
        Waits(backoff, 5, urgent: false);

        backoff.Reset();

        Waits(backoff, 1, urgent: false).Should().Equal(200);
    }

    [Theory]
    [InlineData(10_000, 0, 500)]
    [InlineData(10_000, 300, 200)]
    [InlineData(10_000, 9_000, 0)]
    [InlineData(400, 100, 300)]
    public void A_wait_under_way_when_the_bank_loses_its_last_healthy_adapter_ends_at_most_down_retry_after_it_began(int planned, int waited, int remaining)
    {
        Backoff().RemainingWhenUrgent(TimeSpan.FromMilliseconds(planned), TimeSpan.FromMilliseconds(waited))
            .Should().Be(TimeSpan.FromMilliseconds(remaining));
    }

    [Fact]
    public void A_thousand_restarts_do_not_overflow()
    {
        Waits(Backoff(), 1000, urgent: false).Last().Should().Be(10_000);
    }
}
