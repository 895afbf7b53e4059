using SolarHub.Core.Telemetry;
using SolarHub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests;

/// <summary>
/// On a cluster node the bridge (the cluster's one MQTT output) also publishes the banks of the other nodes, whose
/// telemetry reaches its event stream wrapped as <see cref="RelayedBankEvent"/>.
/// </summary>
[Collection(BrokerTests.Name)]
public class RelayedTelemetryTests(ITestOutputHelper output) : BridgeTestKit(output)
{
    [Fact]
    public async Task Telemetry_relayed_from_another_node_is_published_like_the_nodes_own()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();

        Publish(new RelayedBankEvent("n2", Pack("house", 2, soc: 41)));
        Publish(new RelayedBankEvent("n2", Bank("house", soc: 42.5)));

        (await Watcher.WaitForAsync("solarhub/house/pack2/state")).Json.GetProperty("soc").GetInt32().Should().Be(41);
        (await Watcher.WaitForAsync("solarhub/house/state")).Json.GetProperty("soc").GetDouble().Should().Be(42.5);
        await Watcher.WaitForTextAsync("solarhub/house/pack2/availability", "online");
    }
}
