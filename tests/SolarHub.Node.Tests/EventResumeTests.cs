using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>
/// GET /api/events for clients that reconnect: every event has a node-wide id, the stream says how soon to retry,
/// and Last-Event-ID (or ?lastEventId=) replays exactly what was missed, or says that some is lost.
/// </summary>
[Collection(HealthyNodeCollection.Name)]
public sealed class EventResumeTests(HealthyNodeFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private ApiNode Node => fixture.Node;

    [Fact]
    public async Task Every_event_has_an_increasing_id_and_the_stream_starts_with_a_retry_time()
    {
        await using var stream = await EventStreamClient.OpenAsync(Node.Address);

        var events = new List<EventStreamClient.ServerEvent>();
        for (int i = 0; i < 5; i++) events.Add(await stream.NextAsync(Patience));

        stream.Retries.Should().Equal(["3000"], "the retry time is said once, before the first event");
        events.Should().OnlyContain(e => e.Id != null);
        events.Select(e => e.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        events.Select(e => e.Id![..e.Id!.LastIndexOf('-')]).Distinct().Should().ContainSingle("one run of the node");
    }

    [Fact]
    public async Task A_client_resuming_with_Last_Event_ID_gets_every_missed_event_once_in_order_then_the_live_ones()
    {
        // The unfiltered stream numbers every event of the node, so what the resumed client gets must be consecutive.
        await using var watcher = await EventStreamClient.OpenAsync(Node.Address);
        string lastSeen;
        await using (var client = await EventStreamClient.OpenAsync(Node.Address))
            lastSeen = (await client.NextAsync(Patience)).Id!;
        long last = Sequence(lastSeen);
        // The client is away while the node sends at least 30 more events.
        await watcher.UntilAsync(e => e.Sequence >= last + 30, Patience);

        await using var resumed = await EventStreamClient.OpenAsync(Node.Address, lastEventId: lastSeen);
        var after = new List<long>();
        for (int i = 0; i < 80; i++) after.Add((await resumed.NextAsync(Patience)).Sequence);

        // At least 30 replayed, the rest live: nothing lost at the seam, nothing twice.
        after.Should().Equal(Enumerable.Range(1, 80).Select(i => last + i));
    }

    [Fact]
    public async Task The_replay_applies_the_bank_and_kinds_filters_and_the_id_can_come_as_a_query_parameter()
    {
        await using var watcher = await EventStreamClient.OpenAsync(Node.Address);
        var lastSeen = (await watcher.NextAsync(Patience)).Id!;
        var expected = new List<long>();
        // Bank telemetry comes once a second per bank: wait until three of shed's were sent.
        while (expected.Count < 3)
        {
            var e = await watcher.NextAsync(Patience);
            if (e.Kind == "bank-telemetry" && e.Data["bankId"]!.GetValue<string>() == "shed") expected.Add(e.Sequence);
        }

        await using var resumed = await EventStreamClient.OpenAsync(Node.Address, $"?bank=shed&kinds=bank-telemetry&lastEventId={lastSeen}");
        var replayed = new List<EventStreamClient.ServerEvent>();
        for (int i = 0; i < 3; i++) replayed.Add(await resumed.NextAsync(Patience));

        replayed.Select(e => e.Sequence).Should().Equal(expected, "exactly the events sent while the client was away, not later live ones");
        replayed.Should().OnlyContain(e => e.Kind == "bank-telemetry" && e.Data["bankId"]!.GetValue<string>() == "shed");
    }

    [Fact]
    public async Task An_id_of_another_run_of_the_node_is_answered_with_a_gap_event()
    {
        await using var stream = await EventStreamClient.OpenAsync(Node.Address, "?kinds=failover", lastEventId: "0badc0de-42");

        var gap = await stream.NextAsync(Patience);

        gap.Kind.Should().Be("gap");
        gap.Data["lastEventId"]!.GetValue<string>().Should().Be("0badc0de-42");
        gap.Data["firstAvailableId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        gap.Data["reason"]!.GetValue<string>().Should().StartWith("unknown id");
    }

    [Fact]
    public async Task An_id_older_than_the_replay_buffer_is_answered_with_a_gap_event_then_what_is_kept()
    {
        await using var node = await ApiNode.StartAsync([("cellar", 2, [("gw", true, false)])], new ApiOptions { EventReplayBuffer = 10 });
        await using var watcher = await EventStreamClient.OpenAsync(node.Address);
        var lastSeen = (await watcher.NextAsync(Patience)).Id!;
        long last = Sequence(lastSeen);
        await watcher.UntilAsync(e => e.Sequence >= last + 25, Patience);

        await using var resumed = await EventStreamClient.OpenAsync(node.Address, lastEventId: lastSeen);
        var gap = await resumed.NextAsync(Patience);
        var first = await resumed.NextAsync(Patience);

        gap.Kind.Should().Be("gap");
        gap.Data["lastEventId"]!.GetValue<string>().Should().Be(lastSeen);
        gap.Data["reason"]!.GetValue<string>().Should().Contain("no longer kept");
        first.Id.Should().Be(gap.Data["firstAvailableId"]!.GetValue<string>(), "the replay starts with the oldest event kept");
        first.Sequence.Should().BeGreaterThan(last + 1, "some events were lost");
    }

    private static long Sequence(string id) => new EventStreamClient.ServerEvent("", [], id).Sequence;
}
