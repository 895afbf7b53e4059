using SolarHub.Bench.Faults;
using Xunit.Abstractions;

namespace SolarHub.Cli.Tests.Faults;

/// <summary>The short run of bench faults' MQTT row: a real node, a real mosquitto killed and started again.</summary>
public sealed class MqttBrokerRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_restarted_broker_gets_the_state_and_discovery_again_without_a_stack_trace()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var progress = new StringWriter();

        var outcome = await new MqttBrokerRestartScenario().RunAsync(quick: true, progress, timeout.Token);

        output.WriteLine(progress.ToString());
        outcome.ExceptionsLogged.Should().Be(0);
        outcome.Recovery.Should().BeLessThan(TimeSpan.FromSeconds(30));
        outcome.Survived.Should().BeTrue(outcome.Note);
    }
}
