using System.Text.Json.Nodes;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.ConfigStore;
using SolarHub.Configuration.Alerts;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;
using SolarHub.Simulator;

namespace SolarHub.Node.Tests;

/// <summary>
/// Alert rules on a real node fed by a simulated gateway on loopback: a rule stored in the configuration applies live,
/// the simulated pack crosses it, the alert shows in <c>GET /api/alerts</c> and <c>/api/events</c>, and clears the same way.
/// </summary>
public sealed class AlertEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_stored_rule_is_raised_when_the_pack_crosses_it_and_cleared_when_it_is_back_in_the_api_and_the_event_stream()
    {
        await using var node = await ApiNode.StartAsync([("cellar", 1, [("gw", false, false)])], new ApiOptions());
        var store = node.Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef;
        // The built-in rules first: the API lists each for the bank.
        var before = await node.PollAsync("/api/alerts", a => a["banks"]!.AsArray().Count == 1, "listed the bank's rules");
        before["banks"]![0]!["rules"]!.AsArray().Select(r => r!["rule"]!.GetValue<string>()).Should().Equal(AlertKinds.All.Select(s => s.Key));

        // SOC at or below 40 % for 2 s raises; at or above 45 % for 2 s clears: stored as a user would, applied live,
        // with a webhook that fails once (retried).
        await using var webhook = await WebhookReceiver.StartAsync(failFirst: 1);
        var answer = await ConfigStoreClient.ProposeAsync(store,
            [new AlertsConfigured(new AlertsConfig([new AlertOverride(AlertKind.SocLow, "cellar", Raise: 40, Clear: 45, For: TimeSpan.FromSeconds(2))], webhook.Url))],
            "test", CancellationToken.None);
        answer.Should().BeOfType<ChangesAccepted>();
        await node.PollAsync("/api/alerts?bank=cellar", a => Rule(a, "soc_low")?["raise"]?.GetValue<double>() == 40, "applied the stored rule");

        await using var stream = await EventStreamClient.OpenAsync(node.Address, "?bank=cellar&kinds=alert-raised,alert-cleared");
        node.Gateway("gw").Faults.SetPackValues(1, new PackOverrides { Soc = 20 });
        var raised = await stream.UntilAsync(e => e.Kind == "alert-raised", Patience);
        raised.Data["rule"]!.GetValue<string>().Should().Be("soc_low");
        raised.Data["kind"]!.GetValue<string>().Should().Be("SocLow");
        raised.Data["bankId"]!.GetValue<string>().Should().Be("cellar");
        raised.Data["value"]!.GetValue<double>().Should().BeApproximately(20, 0.5);
        raised.Data["threshold"]!.GetValue<double>().Should().Be(40);
        raised.Data["message"]!.GetValue<string>().Should().StartWith("bank Bank cellar: low state of charge 20 %");

        var active = await node.GetJsonAsync("/api/alerts");
        active["active"]!.AsArray().Should().ContainSingle(a => a!["rule"]!.GetValue<string>() == "soc_low" && a["bankId"]!.GetValue<string>() == "cellar");
        var metrics = (await node.Http.GetStringAsync("/metrics")).Split('\n');
        metrics.Should().Contain("solarhub_alerts_active{bank=\"cellar\",rule=\"soc_low\"} 1");
        metrics.Should().Contain("solarhub_alerts_active{bank=\"cellar\",rule=\"bank_down\"} 0", "every enabled rule has a series, 0 while nothing is raised");

        node.Gateway("gw").Faults.SetPackValues(1, new PackOverrides { Soc = 80 });
        var cleared = await stream.UntilAsync(e => e.Kind == "alert-cleared", Patience);
        cleared.Data["rule"]!.GetValue<string>().Should().Be("soc_low");
        cleared.Data["threshold"]!.GetValue<double>().Should().Be(45);
        (await node.GetJsonAsync("/api/alerts"))["active"]!.AsArray().Should().NotContain(a => a!["rule"]!.GetValue<string>() == "soc_low");
        (await node.Http.GetStringAsync("/metrics")).Split('\n').Should().Contain("solarhub_alerts_active{bank=\"cellar\",rule=\"soc_low\"} 0");

        // The webhook had both, in order, the raise once more after its 500.
        await webhook.UntilAsync(r => r.Count(x => x.Status == 200) == 2, Patience);
        webhook.Requests.Select(r => (r.Status, (string)JsonNode.Parse(r.Body)!["event"]!)).Should().Equal((500, "alert-raised"), (200, "alert-raised"), (200, "alert-cleared"));
        var status = (await node.PollAsync("/api/alerts", a => a["webhookStatus"]?["delivered"]?.GetValue<long>() == 2, "counted both deliveries"))["webhookStatus"]!;
        (status["failures"]!.GetValue<long>(), status["dropped"]!.GetValue<long>(), status["queued"]!.GetValue<int>()).Should().Be((1L, 0L, 0));
    }

    [Fact]
    public async Task A_silent_gateway_raises_bank_down_and_pack_stale_and_an_unknown_bank_is_404()
    {
        await using var node = await ApiNode.StartAsync([("shed", 1, [("gw", false, false)])], new ApiOptions());
        var store = node.Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef;
        (await ConfigStoreClient.ProposeAsync(store,
            [new AlertsConfigured(new AlertsConfig([new AlertOverride(AlertKind.PackStale, For: TimeSpan.FromSeconds(1))]))], "test", CancellationToken.None))
            .Should().BeOfType<ChangesAccepted>();
        await node.PollAsync("/api/banks/shed", b => b["state"]?.GetValue<string>() == "Healthy", "became healthy");

        await using var stream = await EventStreamClient.OpenAsync(node.Address, "?kinds=alert-raised");
        node.Gateway("gw").Faults.Silence();
        var rules = new HashSet<string>();
        await stream.UntilAsync(e => rules.Add(e.Data["rule"]!.GetValue<string>()) && rules.IsSupersetOf(["bank_down", "pack_stale"]), Patience);
        var alerts = await node.GetJsonAsync("/api/alerts?bank=shed");
        alerts["active"]!.AsArray().Select(a => a!["rule"]!.GetValue<string>()).Should().Contain(["bank_down", "pack_stale"]);

        var (status, body) = await node.SendAsync(HttpMethod.Get, "/api/alerts?bank=attic");
        status.Should().Be(System.Net.HttpStatusCode.NotFound);
        body!["error"]!.GetValue<string>().Should().Be("no bank 'attic'");
    }

    private static JsonNode? Rule(JsonNode alerts, string rule) =>
        alerts["banks"]?.AsArray().SelectMany(b => b!["rules"]!.AsArray()).FirstOrDefault(r => r!["rule"]!.GetValue<string>() == rule);
}
