using SolarHub.Core.Telemetry;
using SolarHub.Node.Api.Events;

namespace SolarHub.Node.Tests;

/// <summary>The replay buffer: node-wide ids, what a resuming client missed, and a gap when that is no longer known.</summary>
public sealed class RecentEventsTests
{
    [Fact]
    public void Events_are_numbered_one_by_one_with_the_run_as_prefix()
    {
        var recent = new RecentEvents(4, run: "r1");

        var ids = Enumerable.Range(0, 3).Select(i => recent.Append(Alarm("b", i)).Id).ToList();

        ids.Should().Equal("r1-1", "r1-2", "r1-3");
    }

    [Fact]
    public void Each_start_has_another_run_so_an_old_id_is_unknown_rather_than_mistaken()
    {
        new RecentEvents(4).Run.Should().NotBe(new RecentEvents(4).Run);
    }

    [Fact]
    public void A_resuming_client_gets_the_events_after_its_id_that_match_its_filter()
    {
        var recent = new RecentEvents(10, run: "r1");
        for (int i = 1; i <= 6; i++) recent.Append(Alarm(i % 2 == 0 ? "even" : "odd", i));

        var replay = recent.After("r1-2", e => e.BankId == "even");

        replay.Gap.Should().BeNull();
        replay.Events.Select(e => e.Id).Should().Equal("r1-4", "r1-6");
        replay.Through.Should().Be(6, "live events up to the newest were in the buffer");
    }

    [Fact]
    public void An_id_older_than_the_buffer_is_a_gap_and_everything_kept_follows()
    {
        var recent = new RecentEvents(3, run: "r1");
        for (int i = 1; i <= 6; i++) recent.Append(Alarm("b", i));

        var replay = recent.After("r1-1", _ => true);

        replay.Gap.Should().BeEquivalentTo(new { LastEventId = "r1-1", FirstAvailableId = "r1-4" });
        replay.Events.Select(e => e.Id).Should().Equal("r1-4", "r1-5", "r1-6");
    }

    [Fact]
    public void The_id_just_before_the_oldest_kept_is_no_gap()
    {
        var recent = new RecentEvents(3, run: "r1");
        for (int i = 1; i <= 6; i++) recent.Append(Alarm("b", i));

        recent.After("r1-3", _ => true).Gap.Should().BeNull();
    }

    [Theory]
    [InlineData("r0-2")]     // an earlier run of the node
    [InlineData("r1-99")]    // not issued yet
    [InlineData("garbage")]
    [InlineData("r1-")]
    public void An_unknown_id_is_a_gap(string id)
    {
        var recent = new RecentEvents(3, run: "r1");
        for (int i = 1; i <= 2; i++) recent.Append(Alarm("b", i));

        var replay = recent.After(id, _ => true);

        replay.Gap!.LastEventId.Should().Be(id);
        replay.Gap.Reason.Should().StartWith("unknown id");
        replay.Events.Select(e => e.Id).Should().Equal("r1-1", "r1-2");
    }

    [Fact]
    public void Events_appended_from_several_threads_are_published_in_id_order()
    {
        var recent = new RecentEvents(16, run: "r1");
        var published = new List<long>();

        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => recent.Append(EventKinds.BankAlarm, i, e => published.Add(e.Sequence)));

        published.Should().HaveCount(4_000).And.BeInAscendingOrder("a client that resumes relies on ids going out in order");
    }

    [Fact]
    public void A_huge_unknown_id_is_echoed_cut_short()
    {
        var recent = new RecentEvents(3, run: "r1");
        var huge = new string('x', 30_000);

        var gap = recent.After(huge, _ => true).Gap!;

        gap.LastEventId.Should().HaveLength(EventGap.MaxEchoedId + 1).And.EndWith("…");
    }

    private static ServerEvent Alarm(string bank, int n) =>
        new(EventKinds.BankAlarm, new BankAlarm(bank, DateTimeOffset.UtcNow, BankAlarmKind.PackStale, n.ToString(), Cleared: false));
}
