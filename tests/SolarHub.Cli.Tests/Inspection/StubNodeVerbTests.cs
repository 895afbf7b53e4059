using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SolarHub.Cli.Tests.Inspection;

/// <summary>
/// The verbs' rendering of every field of the API contract, against a stub node serving contract-shaped answers:
/// failover history, stale packs, adapter errors, alarms, the actor tree and the event stream.
/// </summary>
public class StubNodeVerbTests
{
    [Fact]
    public async Task Status_shows_state_active_adapter_packs_soc_power_voltage_and_current_of_every_bank()
    {
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/banks", () => StubNode.Json(ContractFixtures.Banks)));

        var outcome = await InspectionCli.RunAsync(["status", "--url", stub.Url]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        var lines = InspectionCli.Lines(outcome.StdOut);
        lines.Select(l => l.Split(' ')[0]).Should().Equal("Bank", "garage", "house");
        Tokens(lines[2]).Should().Equal("house", "House", "bank", "Degraded", "secondary", "1/2", "3/4", "81.5", "-1234", "52.10", "-23.70");
        Tokens(lines[1]).Should().Equal("garage", "Garage", "Down", "none", "-", "0/2", "40.0", "0", "-", "-");
    }

    [Fact]
    public async Task Bank_report_lists_the_alerts_raised_for_the_bank_with_their_node_and_says_which_members_did_not_answer()
    {
        var now = DateTimeOffset.Now;
        string? askedFor = null;
        await using var stub = await StubNode.StartAsync(app =>
        {
            app.MapGet("/api/banks/house", () => StubNode.Json(ContractFixtures.House(now)));
            app.MapGet("/api/alerts", (string? bank) =>
            {
                askedFor = bank;
                return StubNode.Json($$"""
                    {"active":[{"bankId":"house","kind":"CellDelta","pack":2,"value":0.112,"threshold":0.1,"since":"{{now.AddMinutes(-3):O}}",
                      "message":"bank House, pack 2: cell voltage spread 0.112 V (at or above 0.1 V for 60 s)","rule":"cell_delta","node":"n2"}],
                     "banks":[],"webhook":null,"webhookStatus":null,"unanswered":["n3"]}
                    """);
            });
        });

        var outcome = await InspectionCli.RunAsync(["bank", "house", "--url", stub.Url]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        askedFor.Should().Be("house");
        var lines = InspectionCli.Lines(outcome.StdOut);
        lines.Should().Contain("Alerts raised (no answer from n3)");
        ShouldMatch(lines.Single(l => l.StartsWith("cell_delta ")),
            "cell_delta", "2", null, "min", "n2", "bank", "House,", "pack", "2:", "cell", "voltage", "spread", "0.112", "V", "(at", "or", "above", "0.1", "V", "for", "60", "s)");
    }

    [Fact]
    public async Task Bank_report_shows_adapter_errors_stale_packs_and_failovers_newest_first()
    {
        var now = DateTimeOffset.Now;
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/banks/house", () => StubNode.Json(ContractFixtures.House(now))));

        var outcome = await InspectionCli.RunAsync(["bank", "house", "--url", stub.Url]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        var lines = InspectionCli.Lines(outcome.StdOut);
        lines.Should().Contain(l => l.StartsWith("State: Degraded") && l.Contains("Active adapter: secondary") && l.Contains("Packs fresh: 1/3") && l.Contains("Failovers since start: 14"));

        // null: an age, which grows while the CLI starts.
        ShouldMatch(lines.Single(l => l.StartsWith("primary ")),
            "primary", "JkPassive", "tcp://10.0.0.5:8899", "1", "yes", "-", "Restarting", "connection", "reset", null, "s", null, "s",
            "123456", "4321", "7", "96", "3", "Connection", "reset", "by", "peer");
        Tokens(lines.Single(l => l.StartsWith("secondary "))).Should().Contain("*").And.Contain("Healthy").And.Contain("98765");

        ShouldMatch(lines.Single(l => l.StartsWith("1 ")),
            "1", null, "s", "fresh", "82", "53.12", "-5.50", "-292", "3.301", "3.322", "21", "24.5", "25.5", "MOS", "27.5", "-");
        ShouldMatch(lines.Single(l => l.StartsWith("2 ")),
            "2", null, "s", "STALE", "61", "51.90", "0.00", "0", "3.201", "3.288", "87", "22.0", "CellUndervoltage");
        Tokens(lines.Single(l => l.StartsWith("3 "))).Should().Equal("3", "never", "STALE", "-", "-", "-", "-", "-", "-", "-", "-", "-");

        var failovers = lines.SkipWhile(l => !l.StartsWith("Failovers")).Skip(2).ToList();
        failovers.Should().HaveCount(3);
        failovers[0].Should().Contain("failover").And.Contain("primary -> secondary").And.Contain("silent past the data deadline").And.EndWith("3.1 s");
        failovers[1].Should().Contain("failback").And.Contain("secondary -> primary").And.Contain("preferred adapter healthy again");
        failovers[2].Should().Contain("loop dead").And.EndWith("5.2 s");
    }

    [Fact]
    public async Task Actors_prints_the_tree_indented_with_roles_and_json_as_served()
    {
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/actors", () => StubNode.Json(ContractFixtures.Actors)));

        var tree = await InspectionCli.RunAsync(["actors", "--url", stub.Url]);
        var json = await InspectionCli.RunAsync(["actors", "--url", stub.Url, "--json"]);

        tree.ExitCode.Should().Be(0, tree.StdErr);
        tree.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "akka://solarhub/user  (user guardian)",
            "  solarhub-banks  (bank registry)",
            "    bank-house  (bank supervisor (house))",
            "      adapter-primary-1  (adapter primary (jk-passive))",
            "      adapter-secondary-1  (adapter secondary (jk-active))",
            "  config-store  (configuration store)");
        json.ExitCode.Should().Be(0);
        JsonNode.DeepEquals(JsonNode.Parse(json.StdOut), JsonNode.Parse(ContractFixtures.Actors)).Should().BeTrue();
    }

    [Fact]
    public async Task Actors_all_asks_the_node_for_the_streams_actors_too()
    {
        var asked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/actors", (HttpContext context) =>
        {
            asked.Enqueue(context.Request.QueryString.Value ?? "");
            return StubNode.Json(ContractFixtures.Actors);
        }));

        (await InspectionCli.RunAsync(["actors", "--url", stub.Url])).ExitCode.Should().Be(0);
        (await InspectionCli.RunAsync(["actors", "--url", stub.Url, "--all"])).ExitCode.Should().Be(0);

        asked.Should().Equal("", "?all=true");
    }

    [Fact]
    public async Task Watch_prints_a_line_per_event_as_it_streams_and_leaves_pack_telemetry_out_unless_asked()
    {
        var now = DateTimeOffset.Now;
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/events", (HttpContext ctx) => StubNode.ServeEvents(ctx, ContractFixtures.Events(now))));

        var plain = await InspectionCli.RunAsync(["watch", "--url", stub.Url, "--duration", "00:00:03"]);
        var withPacks = await InspectionCli.RunAsync(["watch", "--url", stub.Url, "--duration", "00:00:03", "--packs"]);

        plain.ExitCode.Should().Be(0, plain.StdErr);
        plain.StdErr.Should().BeEmpty();
        var clock = now.ToLocalTime().ToString("HH:mm:ss");
        InspectionCli.Lines(plain.StdOut).Should().Equal(
            $"{clock} house Healthy active=primary packs 4/4 fresh  53.20 V -12.30 A -654 W  SOC 78.0 %",
            $"{clock} house adapter primary: Healthy -> Silent (no valid frame for 3 s)",
            $"{clock} house FAILOVER primary -> secondary: silent past the data deadline (3.1 s)",
            $"{clock} house ALARM PackStale: pack 2 sent nothing for 10 s",
            $"{clock} garage FAILOVER a -> b: loop dead (4.0 s)");
        InspectionCli.Lines(withPacks.StdOut).Should().Contain($"{clock} house pack 2 via primary  53.20 V -3.10 A  SOC 77 %  cells 3.300..3.310 V").And.HaveCount(6);
    }

    [Fact]
    public async Task Watch_bank_asks_the_node_for_that_bank_only_and_shows_no_other()
    {
        var now = DateTimeOffset.Now;
        await using var stub = await StubNode.StartAsync(app =>
        {
            app.MapGet("/api/banks/house", () => StubNode.Json(ContractFixtures.House(now)));
            app.MapGet("/api/events", (HttpContext ctx) => StubNode.ServeEvents(ctx, ContractFixtures.Events(now))); // ignores ?bank=: the CLI filters too
        });

        var outcome = await InspectionCli.RunAsync(["watch", "--bank", "house", "--url", stub.Url, "--json", "--duration", "00:00:03"]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        // Only the kinds this view shows (bank telemetry, no pack telemetry without --packs) are asked for.
        stub.Requests.Should().Contain("/api/events?bank=house&kinds=bank-telemetry,adapter-state,failover,bank-alarm,alert-raised,alert-cleared");
        var events = InspectionCli.Lines(outcome.StdOut).Select(l => JsonNode.Parse(l)!).ToList();
        events.Select(e => e["kind"]!.GetValue<string>()).Should().Equal("bank-telemetry", "adapter-state", "failover", "bank-alarm");
        events.Should().OnlyContain(e => e["data"]!["bankId"]!.GetValue<string>() == "house");
    }

    [Fact]
    public async Task Watch_of_an_unknown_bank_exits_4()
    {
        await using var stub = await StubNode.StartAsync(app =>
        {
            app.MapGet("/api/banks", () => StubNode.Json(ContractFixtures.Banks));
            app.MapGet("/api/banks/{id}", (string id) => StubNode.Json($$"""{"error":"no bank '{{id}}'"}""", 404));
        });

        var outcome = await InspectionCli.RunAsync(["watch", "--bank", "nope", "--url", stub.Url, "--duration", "00:00:05"]);

        outcome.ExitCode.Should().Be(4);
        outcome.StdErr.Trim().Should().Be($"solarhub watch: no bank 'nope' on the node at {stub.Url}; it runs: garage, house");
    }

    [Fact]
    public async Task Watch_reconnects_when_the_node_drops_the_event_stream()
    {
        var now = DateTimeOffset.Now;
        int connections = 0;
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/events", (HttpContext ctx) =>
            // The first stream ends after its events, as when a node restarts; the second stays open.
            StubNode.ServeEvents(ctx, ContractFixtures.Events(now).Where(e => e.Kind == "failover").Take(1), thenClose: Interlocked.Increment(ref connections) == 1)));

        var outcome = await InspectionCli.RunAsync(["watch", "--url", stub.Url, "--duration", "00:00:06"]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        InspectionCli.Lines(outcome.StdOut).Where(l => l.Contains("FAILOVER primary -> secondary")).Should().HaveCount(2, "the event before and after the reconnection");
        outcome.StdErr.Should().Contain("closed the event stream; reconnecting").And.Contain("following the events");
    }

    [Fact]
    public async Task Watch_resumes_after_the_last_event_it_got_and_says_when_the_node_reports_a_gap()
    {
        var failover = ContractFixtures.Events(DateTimeOffset.Now).First(e => e.Kind == "failover").Json;
        var lastEventIds = new ConcurrentQueue<string>();
        int connections = 0;
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/events", async (HttpContext ctx) =>
        {
            lastEventIds.Enqueue(ctx.Request.Headers["Last-Event-ID"].ToString());
            bool first = Interlocked.Increment(ref connections) == 1;
            ctx.Response.ContentType = "text/event-stream";
            // The first stream ends after one event, as when a node restarts; the second says events were lost.
            await ctx.Response.WriteAsync(first
                ? $"retry: 3000\n\nid: 1a2b3c4d-7\nevent: failover\ndata: {failover}\n\n"
                : "event: gap\ndata: {\"lastEventId\":\"1a2b3c4d-7\",\"firstAvailableId\":null,\"reason\":\"unknown id\"}\n\n");
            await ctx.Response.Body.FlushAsync();
            if (first) return;
            try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
            catch (OperationCanceledException) { }
        }));

        var outcome = await InspectionCli.RunAsync(["watch", "--url", stub.Url, "--duration", "00:00:05"]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        lastEventIds.Should().Equal("", "1a2b3c4d-7");
        outcome.StdErr.Should().Contain("no longer had every event since the stream was lost");
    }

    [Fact]
    public async Task Watch_falls_back_to_the_banks_every_second_when_the_node_has_no_event_stream()
    {
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/banks", () => StubNode.Json(ContractFixtures.Banks)));

        var outcome = await InspectionCli.RunAsync(["watch", "--url", stub.Url, "--duration", "00:00:03"]);

        outcome.ExitCode.Should().Be(0, outcome.StdErr);
        outcome.StdErr.Should().Contain("serves no event stream (/api/events); printing its banks every second instead");
        InspectionCli.Lines(outcome.StdOut).Where(l => l.Contains(" house Degraded active=secondary packs 3/4 fresh  52.10 V -23.70 A -1234 W  SOC 81.5 %"))
            .Should().HaveCountGreaterThanOrEqualTo(2);
    }

    private static string[] Tokens(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void ShouldMatch(string line, params string?[] expected)
    {
        var tokens = Tokens(line);
        tokens.Should().HaveCount(expected.Length, line);
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] is { } token) tokens[i].Should().Be(token, $"column {i} of '{line}'");
            else double.TryParse(tokens[i], System.Globalization.CultureInfo.InvariantCulture, out _).Should().BeTrue($"column {i} of '{line}' is an age");
    }
}
