using System.Net;
using Microsoft.Extensions.Logging;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Node.Tests;

/// <summary>A monitoring probe asking /health every few seconds of a node that is down must not fill its log: states are logged when they change, by those who own them.</summary>
public sealed class HealthLoggingTests
{
    [Fact]
    public async Task Probing_an_unhealthy_node_logs_no_warning_per_probe()
    {
        var logs = new CapturedLogs();
        await using var node = await ApiNode.StartAsync([("cellar", 1, [("dead", true, true)])], new ApiOptions(), logs);
        await node.PollAsync("/health", h => h["status"]!.GetValue<string>() == "Unhealthy", "unhealthy");

        for (int i = 0; i < 5; i++)
            (await node.SendAsync(HttpMethod.Get, "/health")).Status.Should().Be(HttpStatusCode.ServiceUnavailable);

        logs.Entries.Where(e => e.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal) && e.Level >= LogLevel.Warning)
            .Should().BeEmpty("a probe's answer is the report, not a log line");
    }
}
