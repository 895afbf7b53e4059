using System.Net;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>
/// A node whose only bank has no reachable gateway and which has no API token: health 503, a quiet event stream kept
/// alive by comments, state-changing endpoints off (403), and the database check failing once the database is gone.
/// </summary>
public sealed class DownNodeTests(DownNodeTests.Fixture fixture) : IClassFixture<DownNodeTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public ApiNode Node { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Node = await ApiNode.StartAsync([("cellar", 1, [("dead", true, true)])],
                new ApiOptions { EventStreamKeepAlive = TimeSpan.FromMilliseconds(300) });

        public async Task DisposeAsync() => await Node.DisposeAsync();
    }

    [Fact]
    public async Task All_adapters_down_is_503_with_the_bank_named()
    {
        var body = await fixture.Node.PollAsync("/health", h => h["checks"]!["banks"]!["status"]!.GetValue<string>() == "Unhealthy", "failed the banks check");

        var (status, _) = await fixture.Node.SendAsync(HttpMethod.Get, "/health");
        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        body["checks"]!["banks"]!["status"]!.GetValue<string>().Should().Be("Unhealthy");
        body["checks"]!["banks"]!["description"]!.GetValue<string>().Should().Contain("cellar");
        body["checks"]!["banks"]!["data"]!["cellar"]!.GetValue<string>().Should().Be("Down");
        body["checks"]!["akka.actorsystem"]!["status"]!.GetValue<string>().Should().Be("Healthy");
    }

    [Fact]
    public async Task A_down_bank_exports_its_state_but_no_value_as_if_current()
    {
        await fixture.Node.PollAsync("/health", h => h["checks"]!["banks"]!["status"]!.GetValue<string>() == "Unhealthy", "failed the banks check");

        var metrics = await fixture.Node.Http.GetStringAsync("/metrics");

        metrics.Should().Contain("solarhub_bank_state{bank=\"cellar\",state=\"Down\"} 1");
        metrics.Should().Contain("solarhub_bank_packs_fresh{bank=\"cellar\"} 0");
        metrics.Should().NotContain("solarhub_bank_voltage_volts{bank=\"cellar\"}").And.NotContain("solarhub_bank_soc_percent{bank=\"cellar\"}");
    }

    [Fact]
    public async Task A_node_whose_banks_are_down_is_live_but_not_ready()
    {
        await fixture.Node.PollAsync("/health", h => h["checks"]!["banks"]!["status"]!.GetValue<string>() == "Unhealthy", "failed the banks check");

        var (live, liveBody) = await fixture.Node.SendAsync(HttpMethod.Get, "/health/live");
        live.Should().Be(HttpStatusCode.OK, "a process whose gateways are unreachable must not be restarted for it");
        liveBody!["checks"]!.AsObject().Select(c => c.Key).Should().Equal("akka.actorsystem");

        var (ready, readyBody) = await fixture.Node.SendAsync(HttpMethod.Get, "/health/ready");
        ready.Should().Be(HttpStatusCode.ServiceUnavailable);
        readyBody!["checks"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo(["database", "banks", "history"]);
    }

    [Fact]
    public async Task A_database_that_is_gone_fails_the_database_check()
    {
        // The file is replaced by a directory, so nothing can re-create it behind the check's back.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                File.Delete(fixture.Node.DatabasePath);
                Directory.CreateDirectory(fixture.Node.DatabasePath);
                break;
            }
            catch (IOException) when (DateTime.UtcNow < deadline) { }
        }

        var body = await fixture.Node.PollAsync("/health", h => h["checks"]!["database"]!["status"]!.GetValue<string>() == "Unhealthy", "failed the database check");
        body["status"]!.GetValue<string>().Should().Be("Unhealthy");
        body["checks"]!["database"]!["description"]!.GetValue<string>().Should().Contain("unreachable");
        var (status, _) = await fixture.Node.SendAsync(HttpMethod.Get, "/health");
        status.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Without_a_configured_token_state_changing_endpoints_are_off_with_403()
    {
        var (status, body) = await fixture.Node.SendAsync(HttpMethod.Post, "/api/banks/cellar/adapters/dead/disable", token: "anything");

        status.Should().Be(HttpStatusCode.Forbidden);
        body!["error"]!.GetValue<string>().Should().Contain("no API token is configured").And.Contain("--api-token-file");
    }

    [Fact]
    public async Task A_quiet_stream_is_kept_alive_with_comments()
    {
        await using var stream = await EventStreamClient.OpenAsync(fixture.Node.Address, "?bank=cellar");

        await stream.UntilCommentAsync(": keep-alive", TimeSpan.FromSeconds(30));
    }
}
