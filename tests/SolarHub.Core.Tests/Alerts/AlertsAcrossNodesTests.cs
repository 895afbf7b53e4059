using SolarHub.Configuration.Alerts;
using SolarHub.Core.Alerts;

namespace SolarHub.Core.Tests.Alerts;

/// <summary>A cluster's alerts from its members' own reports: the union, each with its node, as sharding places the banks.</summary>
public sealed class AlertsAcrossNodesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<BankAlertRules> Rules = [new("garage", []), new("house", []), new("shed", [])];

    private static ActiveAlert Alert(string bank, AlertKind kind = AlertKind.SocLow, byte? pack = null, int secondsAgo = 10) =>
        new(bank, kind, pack, 15, 20, T0.AddSeconds(-secondsAgo), $"bank {bank}: {kind}");

    private static AlertsReport Report(params ActiveAlert[] active) => new(active, Rules, null, null);

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Placement(params (string Node, string[] Banks)[] nodes) =>
        nodes.ToDictionary(n => n.Node, n => (IReadOnlyList<string>)n.Banks);

    [Fact]
    public void Every_members_alerts_are_listed_with_their_node_in_bank_order()
    {
        var merged = AlertsAcrossNodes.Merge(Report(Alert("house")), "n1",
            [("n2", Report(Alert("shed", AlertKind.CellDelta, pack: 2), Alert("garage"))), ("n3", Report())],
            Placement(("n1", ["house"]), ("n2", ["garage", "shed"]), ("n3", [])));

        merged.Active.Select(a => (a.BankId, a.Node)).Should().Equal(("garage", "n2"), ("house", "n1"), ("shed", "n2"));
        merged.Banks.Should().BeSameAs(Rules, "the rules are the configuration's, which every node shares");
        merged.Unanswered.Should().BeEmpty();
    }

    [Fact]
    public void A_member_that_did_not_answer_is_named_and_the_others_still_count()
    {
        var merged = AlertsAcrossNodes.Merge(Report(), "n1", [("n3", null), ("n2", Report(Alert("shed")))], null);

        merged.Active.Should().ContainSingle().Which.Node.Should().Be("n2");
        merged.Unanswered.Should().Equal("n3");
    }

    [Fact]
    public void A_node_a_bank_has_left_does_not_speak_for_it_any_more()
    {
        // n1 ran "house" and raised SOC low there; the bank now runs on n2, where it is not low.
        var merged = AlertsAcrossNodes.Merge(Report(Alert("house", secondsAgo: 600)), "n1", [("n2", Report())],
            Placement(("n1", []), ("n2", ["house"])));

        merged.Active.Should().BeEmpty();
    }

    [Fact]
    public void Without_the_placement_one_alert_held_by_two_nodes_is_listed_once_with_its_latest_raise()
    {
        var merged = AlertsAcrossNodes.Merge(Report(Alert("house", secondsAgo: 600)), "n1", [("n2", Report(Alert("house", secondsAgo: 5)))], null);

        merged.Active.Should().ContainSingle().Which.Should().BeEquivalentTo(Alert("house", secondsAgo: 5) with { Node = "n2" });
    }

    [Fact]
    public void A_bank_that_runs_nowhere_keeps_what_its_last_node_raised()
    {
        var merged = AlertsAcrossNodes.Merge(Report(), "n1", [("n2", Report(Alert("shed")))], Placement(("n1", ["house"]), ("n2", [])));

        merged.Active.Should().ContainSingle().Which.BankId.Should().Be("shed");
    }

    [Fact]
    public void The_webhooks_counts_are_added_up_and_the_answering_nodes_error_comes_first()
    {
        var own = Report() with { Webhook = "https://hooks.example/x", WebhookStatus = new WebhookStatus(10, 1, 0, 2, "answered 500") };
        var other = Report() with { Webhook = "https://hooks.example/x", WebhookStatus = new WebhookStatus(5, 0, 1, 1, "timed out") };

        var merged = AlertsAcrossNodes.Merge(own, "n1", [("n2", other), ("n3", Report())], null);

        merged.Webhook.Should().Be("https://hooks.example/x");
        merged.WebhookStatus.Should().Be(new WebhookStatus(15, 1, 1, 3, "answered 500"));
    }
}
