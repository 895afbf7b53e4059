using Microsoft.AspNetCore.Builder;

namespace SolarHub.Cli.Tests.Inspection;

/// <summary>What users see when the node is not there, answers wrongly, or the options are wrong: one line, a documented exit code.</summary>
public class NoNodeTests
{
    public static TheoryData<string[]> Verbs => new() { new[] { "status" }, new[] { "bank", "demo-bank" }, new[] { "actors" }, new[] { "watch", "--duration", "00:00:05" } };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Every_verb_says_no_node_answers_and_exits_3(string[] verb)
    {
        int port = InspectionCli.FreePort();

        var outcome = await InspectionCli.RunAsync([.. verb, "--url", $"http://127.0.0.1:{port}"]);

        outcome.ExitCode.Should().Be(3);
        outcome.StdOut.Should().BeEmpty();
        outcome.StdErr.Trim().Should().Be(
            $"solarhub {verb[0]}: no SolarHub node answers at http://127.0.0.1:{port} (connection refused). Start one with 'solarhub run' or pass --url.");
    }

    [Fact]
    public async Task Without_url_the_SOLARHUB_URL_variable_is_used()
    {
        int port = InspectionCli.FreePort();

        var outcome = await InspectionCli.RunAsync(["status"], new Dictionary<string, string> { ["SOLARHUB_URL"] = $"http://127.0.0.1:{port}/" });

        outcome.ExitCode.Should().Be(3);
        outcome.StdErr.Should().Contain($"no SolarHub node answers at http://127.0.0.1:{port} (connection refused)");
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused_with_exit_2()
    {
        var outcome = await InspectionCli.RunAsync(["status", "--url", "localhost:5080"]);

        outcome.ExitCode.Should().Be(2);
        outcome.StdErr.Trim().Should().Be("solarhub status: --url 'localhost:5080' is not an http:// or https:// address (e.g. http://127.0.0.1:5080)");
    }

    [Fact]
    public async Task A_node_that_does_not_answer_in_time_counts_as_no_node()
    {
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/banks", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return StubNode.Json(ContractFixtures.Banks);
        }));

        var outcome = await InspectionCli.RunAsync(["status", "--url", stub.Url, "--timeout", "1"]);

        outcome.ExitCode.Should().Be(3);
        outcome.StdErr.Should().Contain($"no SolarHub node answers at {stub.Url} (no answer within 1 s)");
    }

    [Fact]
    public async Task A_node_error_is_reported_with_its_message_and_exit_5()
    {
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/banks", () => StubNode.Json("""{"error":"the bank registry did not answer"}""", 500)));

        var outcome = await InspectionCli.RunAsync(["status", "--url", stub.Url]);

        outcome.ExitCode.Should().Be(5);
        outcome.StdErr.Trim().Should().Be($"solarhub status: the node at {stub.Url} answered GET /api/banks with 500 InternalServerError: the bank registry did not answer");
    }

    [Fact]
    public async Task An_answer_that_is_not_SolarHubs_json_is_exit_5_without_a_stack_trace()
    {
        await using var stub = await StubNode.StartAsync(app => app.MapGet("/api/banks", () => Microsoft.AspNetCore.Http.Results.Text("<html>hello</html>", "text/html")));

        var outcome = await InspectionCli.RunAsync(["status", "--url", stub.Url]);

        outcome.ExitCode.Should().Be(5);
        outcome.StdErr.Should().StartWith($"solarhub status: the answer to GET /api/banks from {stub.Url} is not SolarHub's JSON").And.NotContain(" at SolarHub.");
    }
}
