using System.Text.Json.Nodes;
using Akka.Actor;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Alerts;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Alerts;

/// <summary>The webhook against a real HTTP listener on 127.0.0.1: delivery, a retry after a 500, a bounded queue while it is down.</summary>
public sealed class AlertWebhookTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.log-dead-letters = off", output)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookRetry Fast = new(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));

    private static AlertRaised Raised(int n) => new("house", AlertKind.CellDelta, 2, 0.1 + n / 1000.0, 0.1, T0.AddSeconds(n), $"alert {n}");

    [Fact]
    public async Task Each_alert_is_posted_as_json_in_order_and_a_500_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var webhook = Sys.ActorOf(AlertWebhook.Props(Fast));
        webhook.Tell(new AlertWebhook.UseWebhook(receiver.Url));
        webhook.Tell(Raised(1));
        webhook.Tell(new AlertCleared("house", AlertKind.CellDelta, 2, 0.06, 0.07, T0.AddSeconds(90), "cleared"));

        await receiver.UntilAsync(bodies => bodies.Count(b => b.Status == 200) == 2, TimeSpan.FromSeconds(20));
        var answered = receiver.Requests.ToList();
        answered.Select(r => r.Status).Should().Equal(500, 200, 200);
        answered[0].Body.Should().Be(answered[1].Body, "the failed delivery is sent again, unchanged");
        var first = JsonNode.Parse(answered[1].Body)!;
        first["event"]!.GetValue<string>().Should().Be("alert-raised");
        first["bank"]!.GetValue<string>().Should().Be("house");
        first["rule"]!.GetValue<string>().Should().Be("cell_delta");
        first["pack"]!.GetValue<int>().Should().Be(2);
        first["threshold"]!.GetValue<double>().Should().Be(0.1);
        first["message"]!.GetValue<string>().Should().Be("alert 1");
        JsonNode.Parse(answered[2].Body)!["event"]!.GetValue<string>().Should().Be("alert-cleared");
        answered.Should().OnlyContain(r => r.ContentType.StartsWith("application/json"));

        var status = await webhook.Ask<WebhookStatus>(AlertWebhook.GetStatus.Instance, TimeSpan.FromSeconds(5));
        status.Should().BeEquivalentTo(new { Delivered = 2L, Queued = 0, Dropped = 0L, Failures = 1L });
        status.LastError.Should().Contain("500");
    }

    [Fact]
    public async Task While_the_receiver_is_down_the_oldest_deliveries_are_dropped_and_counted_and_the_newest_get_through_when_it_is_back()
    {
        var port = LoopbackPorts.Free();
        var url = $"http://127.0.0.1:{port}/hook/";
        var webhook = Sys.ActorOf(AlertWebhook.Props(new WebhookRetry(1000, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)), capacity: 3));
        webhook.Tell(new AlertWebhook.UseWebhook(url));
        for (int n = 1; n <= 10; n++) webhook.Tell(Raised(n));

        var status = await webhook.Ask<WebhookStatus>(AlertWebhook.GetStatus.Instance, TimeSpan.FromSeconds(5));
        status.Queued.Should().Be(4, "three waiting and one being retried");
        status.Dropped.Should().Be(6);

        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0, port);
        await receiver.UntilAsync(r => r.Count >= 4, TimeSpan.FromSeconds(20));
        receiver.Requests.Select(r => JsonNode.Parse(r.Body)!["message"]!.GetValue<string>()).Should().Equal("alert 1", "alert 8", "alert 9", "alert 10");
    }
}
