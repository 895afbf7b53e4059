using System.Net;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>GET /api/events over real HTTP: every kind of event, the bank filter, and no subscriber left behind by a client that went away.</summary>
[Collection(HealthyNodeCollection.Name)]
public sealed class EventStreamTests(HealthyNodeFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private ApiNode Node => fixture.Node;

    [Fact]
    public async Task Filtered_stream_delivers_telemetry_adapter_state_failover_and_alarm_events_of_that_bank_only()
    {
        await fixture.ShedSettledAsync();
        string active = (await Node.GetJsonAsync("/api/banks/shed"))["activeAdapter"]!.GetValue<string>();
        await using var stream = await EventStreamClient.OpenAsync(Node.Address, "?bank=shed");
        stream.Response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");

        var kinds = new HashSet<string>();
        var banks = new HashSet<string>();
        void Seen(EventStreamClient.ServerEvent e) { kinds.Add(e.Kind); banks.Add(e.Data["bankId"]!.GetValue<string>()); }

        var pack = await stream.UntilAsync(e => e.Kind == "pack-telemetry", Patience, Seen);
        pack.Data["cells"]!.AsArray().Should().HaveCount(16);
        pack.Data["stale"]!.GetValue<bool>().Should().BeFalse();
        var bank = await stream.UntilAsync(e => e.Kind == "bank-telemetry", Patience, Seen);
        bank.Data["packsTotal"]!.GetValue<int>().Should().Be(2);

        // A failover through the simulator: the active gateway resets its connections.
        Node.Gateway(active).Faults.ResetConnections();
        var state = await stream.UntilAsync(e => e.Kind == "adapter-state" && e.Data["adapterId"]!.GetValue<string>() == active, Patience, Seen);
        state.Data["from"]!.GetValue<string>().Should().Be("Healthy", "enums are strings");
        var failover = await stream.UntilAsync(e => e.Kind == "failover", Patience, Seen);
        failover.Data["from"]!.GetValue<string>().Should().Be(active);
        failover.Data.Select(p => p.Key).Should().Contain(["at", "from", "to", "reason", "isFailback", "durationMs"]);

        // An alarm: pack 2 goes missing on both gateways and turns stale.
        foreach (var id in new[] { "left", "right" }) Node.Gateway(id).Faults.MakePackMissing(2);
        try
        {
            var alarm = await stream.UntilAsync(e => e.Kind == "bank-alarm", Patience, Seen);
            alarm.Data["kind"]!.GetValue<string>().Should().Be("PackStale");
            alarm.Data["cleared"]!.GetValue<bool>().Should().BeFalse();
        }
        finally
        {
            foreach (var id in new[] { "left", "right" }) Node.Gateway(id).Faults.RestorePack(2);
        }

        // An alert rule may fire on the way (the failover leaves the bank on a standby adapter), and the energy counters
        // publish every 10 s: their own tests cover both.
        kinds.Where(k => !k.StartsWith("alert-", StringComparison.Ordinal) && k != "energy").Should().BeEquivalentTo(["pack-telemetry", "bank-telemetry", "adapter-state", "failover", "bank-alarm"]);
        banks.Should().Equal(["shed"], "house streams events all the time too, but the client asked for shed only");
        await fixture.ShedSettledAsync();
    }

    [Fact]
    public async Task A_client_asking_for_some_kinds_gets_only_those()
    {
        await using var stream = await EventStreamClient.OpenAsync(Node.Address, "?kinds=bank-telemetry");
        var kinds = new HashSet<string>();

        // Bank telemetry comes once a second per bank; pack telemetry several times a second, so three bank events
        // would be interleaved with many pack events if the node sent them.
        for (int i = 0; i < 3; i++) await stream.UntilAsync(e => e.Kind == "bank-telemetry", Patience, e => kinds.Add(e.Kind));

        kinds.Should().Equal(["bank-telemetry"]);
    }

    [Fact]
    public async Task An_unknown_kind_is_a_400_naming_it()
    {
        var response = await Node.Http.GetAsync("/api/events?kinds=failover,bogus");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("kinds: 'bogus' is not one of pack-telemetry, bank-telemetry");
    }

    [Fact]
    public async Task Unfiltered_stream_carries_every_bank()
    {
        await using var stream = await EventStreamClient.OpenAsync(Node.Address);
        var banks = new HashSet<string>();
        await stream.UntilAsync(e => banks.Add(e.Data["bankId"]!.GetValue<string>()) && banks.Count == 2, Patience);
        banks.Should().BeEquivalentTo(["house", "shed"]);
    }

    [Fact]
    public async Task Unknown_bank_filter_is_404()
    {
        var (status, body) = await Node.SendAsync(HttpMethod.Get, "/api/events?bank=attic");
        status.Should().Be(HttpStatusCode.NotFound);
        body!["error"]!.GetValue<string>().Should().Be("no bank 'attic'");
    }

    [Fact]
    public async Task Each_client_has_one_subscriber_actor_which_stops_when_the_client_disconnects()
    {
        // By name, not by count: a client of an earlier test in this class may still be going away.
        var before = await SubscriberNames();
        var clients = new List<EventStreamClient>();
        for (int i = 0; i < 3; i++)
        {
            var client = await EventStreamClient.OpenAsync(Node.Address, i == 0 ? "" : "?bank=house");
            await client.NextAsync(Patience);
            clients.Add(client);
        }
        var ours = (await SubscriberNames()).Except(before).ToList();
        ours.Should().HaveCount(3, "each client has one subscriber actor");

        foreach (var client in clients) await client.DisposeAsync();

        var deadline = DateTime.UtcNow + Patience;
        List<string> left;
        while ((left = (await SubscriberNames()).Intersect(ours).ToList()).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        left.Should().BeEmpty("a client that went away leaves no subscriber behind");
    }

    private async Task<HashSet<string>> SubscriberNames() =>
        ActorEndpointTests.Flatten(await Node.GetJsonAsync("/api/actors"))
            .Select(n => n["name"]!.GetValue<string>())
            .Where(name => name.StartsWith(EventStreamEndpoints.SubscriberPrefix, StringComparison.Ordinal))
            .ToHashSet();
}
