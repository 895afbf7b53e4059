using System.Net;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>What routing answers on its own (an unknown path, a method a path does not take) is an error in the API's one shape too.</summary>
[Collection(HealthyNodeCollection.Name)]
public class RoutingErrorTests(HealthyNodeFixture fixture)
{
    private ApiNode Node => fixture.Node;

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("GET", "/apis")]
    [InlineData("DELETE", "/no/such/thing")]
    public async Task An_unknown_path_is_404_with_an_error_naming_it(string method, string path)
    {
        var (status, body) = await Node.SendAsync(new HttpMethod(method), path);

        status.Should().Be(HttpStatusCode.NotFound);
        body!["error"]!.GetValue<string>().Should().Be($"no such endpoint: {method} {path} (docs/api.md lists them)");
    }

    [Theory]
    [InlineData("POST", "/health")]
    [InlineData("PUT", "/health")]
    [InlineData("POST", "/health/ready")]
    [InlineData("POST", "/metrics")]
    [InlineData("DELETE", "/metrics")]
    [InlineData("PUT", "/api/banks")]
    public async Task A_method_the_path_does_not_take_is_405_with_an_error_naming_both(string method, string path)
    {
        var (status, body) = await Node.SendAsync(new HttpMethod(method), path);

        status.Should().Be(HttpStatusCode.MethodNotAllowed);
        body!["error"]!.GetValue<string>().Should().StartWith($"{path} does not take {method}; it takes ").And.Contain("GET");
    }

    [Fact]
    public async Task The_node_serves_its_dashboard_at_the_root_and_unknown_api_paths_stay_the_apis_404s()
    {
        using var page = await Node.Http.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<div id=\"app\">").And.Contain("&quot;packStaleAfterMs&quot;:5000");

        var (status, body) = await Node.SendAsync(HttpMethod.Get, "/api/dashboard");
        status.Should().Be(HttpStatusCode.NotFound);
        body!["error"]!.GetValue<string>().Should().Be("no such endpoint: GET /api/dashboard (docs/api.md lists them)");
        (await Node.SendAsync(HttpMethod.Post, "/")).Status.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Health_and_metrics_still_answer_a_get()
    {
        (await Node.SendAsync(HttpMethod.Get, "/health/live")).Status.Should().Be(HttpStatusCode.OK);
        using var metrics = await Node.Http.GetAsync("/metrics");
        metrics.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
