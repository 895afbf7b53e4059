using System.Text.Json.Nodes;

namespace SolarHub.Cli.Tests.Inspection;

/// <summary>status and bank against a real running node (the demo on simulated gateways).</summary>
public class RealNodeVerbTests(DemoNode node) : IClassFixture<DemoNode>
{
    [Fact]
    public async Task Status_shows_the_demo_bank_healthy_on_its_primary_with_every_pack_fresh()
    {
        var outcome = await InspectionCli.RunAsync(["status", "--url", node.Url]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        outcome.StdErr.Should().BeEmpty();
        var lines = InspectionCli.Lines(outcome.StdOut);
        lines[0].Should().StartWith("Bank").And.Contain("State").And.Contain("Active adapter").And.Contain("SOC %").And.Contain("Power W");
        var row = lines.Should().ContainSingle(l => l.StartsWith(DemoNode.BankId + " ")).Subject;
        row.Should().Contain("Healthy").And.Contain("primary").And.Contain("3/3");
        outcome.StdOut.Should().NotContain("\u001b[", "redirected output is plain text, without ANSI escapes");
    }

    [Fact]
    public async Task Bank_shows_adapters_packs_totals_and_failovers_of_the_demo_bank()
    {
        var outcome = await InspectionCli.RunAsync(["bank", DemoNode.BankId, "--url", node.Url]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        var lines = InspectionCli.Lines(outcome.StdOut);
        lines[0].Should().Be("Bank demo-bank: Demo bank (simulated)");
        lines.Should().Contain(l => l.StartsWith("State: Healthy") && l.Contains("Active adapter: primary") && l.Contains("Packs fresh: 3/3"));
        var primary = lines.Should().ContainSingle(l => l.StartsWith("primary ")).Subject;
        primary.Should().Contain("tcp://127.0.0.1:").And.Contain("Healthy").And.Contain(" * ");
        lines.Should().ContainSingle(l => l.StartsWith("secondary ") && l.Contains("Healthy"));
        foreach (var address in new[] { "1", "2", "3" })
            lines.Should().ContainSingle(l => l.StartsWith(address + " ") && l.Contains(" fresh ") && l.Contains(" s "), $"pack {address} reports fresh data with its age");
        lines.Should().Contain(l => l.StartsWith("Totals: ") && l.Contains(" V ") && l.Contains("SOC"));
        lines.Should().Contain("No failovers.");
    }

    [Fact]
    public async Task Unknown_bank_names_the_banks_the_node_runs_and_exits_4()
    {
        var outcome = await InspectionCli.RunAsync(["bank", "nope", "--url", node.Url]);

        outcome.ExitCode.Should().Be(4);
        outcome.StdOut.Should().BeEmpty();
        outcome.StdErr.Trim().Should().Be($"solarhub bank: no bank 'nope' on the node at {node.Url}; it runs: demo-bank");
    }

    [Fact]
    public async Task Json_prints_the_nodes_answers_as_they_are()
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };

        var status = await InspectionCli.RunAsync(["status", "--url", node.Url, "--json"]);
        var bank = await InspectionCli.RunAsync(["bank", DemoNode.BankId, "--url", node.Url, "--json"]);

        status.ExitCode.Should().Be(0, status.StdErr);
        var banks = JsonNode.Parse(status.StdOut)!.AsArray();
        banks.Select(b => b!["id"]!.GetValue<string>()).Should().Equal(DemoNode.BankId);
        var direct = JsonNode.Parse(await http.GetStringAsync("/api/banks"))!.AsArray();
        banks[0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(direct[0]!.AsObject().Select(p => p.Key), "the verb adds and drops nothing");

        bank.ExitCode.Should().Be(0, bank.StdErr);
        var details = JsonNode.Parse(bank.StdOut)!;
        details["id"]!.GetValue<string>().Should().Be(DemoNode.BankId);
        details["adapters"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Should().Equal("primary", "secondary");
    }

    [Fact]
    [Trait("needs", "api")]
    public async Task Actors_shows_the_bank_and_its_adapters_under_the_root()
    {
        var outcome = await InspectionCli.RunAsync(["actors", "--url", node.Url]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        var lines = outcome.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("akka://solarhub/user");
        static int Depth(string line) => line.Length - line.TrimStart().Length;
        var bank = lines.First(l => l.Contains(DemoNode.BankId));
        int bankDepth = Depth(bank);
        bankDepth.Should().BeGreaterThan(0);
        lines.Where(l => l.Contains("primary")).Select(Depth).Should().Contain(d => d > bankDepth, "adapters are children of their bank");
        bank.Should().Contain("(", "actors are shown with their role");
    }

    [Fact]
    [Trait("needs", "api")]
    public async Task Watch_prints_the_demo_banks_telemetry_as_it_streams()
    {
        var outcome = await InspectionCli.RunAsync(["watch", "--url", node.Url, "--duration", "00:00:06"]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        outcome.StdErr.Should().NotContain("serves no event stream");
        InspectionCli.Lines(outcome.StdOut).Where(l => l.Contains("demo-bank Healthy active=primary packs 3/3 fresh"))
            .Should().HaveCountGreaterThanOrEqualTo(2, "bank telemetry streams every second");
    }

    [Fact]
    [Trait("needs", "api")]
    public async Task Watch_json_prints_one_event_per_line_with_its_kind()
    {
        var outcome = await InspectionCli.RunAsync(["watch", "--url", node.Url, "--json", "--packs", "--duration", "00:00:05"]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        outcome.StdErr.Should().NotContain("serves no event stream");
        var events = InspectionCli.Lines(outcome.StdOut).Select(l => JsonNode.Parse(l)!).ToList();
        events.Should().Contain(e => e["kind"]!.GetValue<string>() == "bank-telemetry" && e["data"]!["bankId"]!.GetValue<string>() == DemoNode.BankId);
        events.Should().Contain(e => e["kind"]!.GetValue<string>() == "pack-telemetry");
    }
}
