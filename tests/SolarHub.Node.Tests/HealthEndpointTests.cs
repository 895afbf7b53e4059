using System.Net;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

[Collection(HealthyNodeCollection.Name)]
public sealed class HealthEndpointTests(HealthyNodeFixture fixture)
{
    [Fact]
    public async Task A_running_node_with_a_reachable_database_and_banks_delivering_is_200_with_every_check()
    {
        var (status, body) = await fixture.Node.SendAsync(HttpMethod.Get, "/health");

        status.Should().Be(HttpStatusCode.OK);
        body!["status"]!.GetValue<string>().Should().BeOneOf("Healthy", "Degraded");
        var checks = body["checks"]!.AsObject();
        checks.Select(c => c.Key).Should().Contain(["akka.actorsystem", "database", "banks", "history"]);
        checks["akka.actorsystem"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        checks["database"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        checks["database"]!["description"]!.GetValue<string>().Should().Contain("reachable");
        checks["banks"]!["status"]!.GetValue<string>().Should().BeOneOf("Healthy", "Degraded");
        checks["banks"]!["data"]!["house"]!.GetValue<string>().Should().Be("Healthy");
        // The node runs on a database, so it records history; its writer answers with its buffer state.
        checks["history"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        checks["history"]!["data"]!["bufferLimit"]!.GetValue<int>().Should().BeGreaterThan(0);
    }
}
