using SolarHub.Bench.Faults;
using Xunit.Abstractions;

namespace SolarHub.Cli.Tests.Faults;

/// <summary>The short run of bench faults' HTTP abuse row: a real node, real sockets on 127.0.0.1.</summary>
public sealed class HttpAbuseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_under_http_abuse_keeps_its_health_endpoint_fast_refuses_the_oversized_and_logs_no_stack_trace()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var progress = new StringWriter();

        var outcome = await new HttpAbuseScenario().RunAsync(quick: true, progress, timeout.Token);

        output.WriteLine(progress.ToString());
        outcome.ExceptionsLogged.Should().Be(0);
        outcome.Note.Should().Contain("answers after");
        outcome.Survived.Should().BeTrue(outcome.Note);
    }
}
