using SolarHub.Core.Telemetry;
using SolarHub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests;

/// <summary>
/// Energy counters on a real broker: retained on their own topics, and discovered the way Home Assistant's energy
/// dashboard takes a battery's energy going in and out (device class energy, state class total_increasing, kWh).
/// </summary>
[Collection(BrokerTests.Name)]
public class EnergyTests(ITestOutputHelper output) : BridgeTestKit(output)
{
    private const string Prefix = "homeassistant";

    private static BankEnergy Energy(double charged, double discharged, DateTimeOffset at) =>
        new("house", at, charged, discharged, [new PackEnergy(1, charged * 0.6, discharged * 0.6), new PackEnergy(2, charged * 0.4, discharged * 0.4)]);

    [Fact]
    public async Task Counters_are_published_retained_on_the_energy_topics_of_the_bank_and_its_packs()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        var at = DateTimeOffset.UtcNow;

        Publish(Energy(12.3456, 7.0004, at));

        var bank = await Watcher.WaitForAsync("solarhub/house/energy");
        bank.Retain.Should().BeTrue("a counter is true until the next one; Home Assistant reads it again after its own restart");
        bank.Json.GetProperty("charged").GetDouble().Should().Be(12.346);
        bank.Json.GetProperty("discharged").GetDouble().Should().Be(7);
        (await Watcher.WaitForAsync("solarhub/house/pack2/energy")).Json.GetProperty("charged").GetDouble().Should().Be(4.938);

        // Older counters (a relayed message overtaken by a newer one) are not published over newer ones.
        Publish(new RelayedBankEvent("n2", Energy(12.0, 6.9, at.AddSeconds(-10))));
        Publish(Energy(12.5, 7.1, at.AddSeconds(10)));
        (await Watcher.WaitForAsync("solarhub/house/energy", after: 1)).Json.GetProperty("charged").GetDouble().Should().Be(12.5);
        Watcher.On("solarhub/house/energy").Select(m => m.Json.GetProperty("charged").GetDouble()).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Energy_entities_are_discovered_for_the_energy_dashboard()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        Publish(Pack("house", 1));
        Publish(Bank("house"));

        foreach (var (id, topic) in new[] { ("solarhub_house", "solarhub/house/energy"), ("solarhub_house_pack1", "solarhub/house/pack1/energy") })
        {
            foreach (var (key, field) in new[] { ("energy_charged", "charged"), ("energy_discharged", "discharged") })
            {
                var config = (await Watcher.WaitForAsync($"{Prefix}/sensor/{id}_{key}/config")).Json;
                config.GetProperty("state_topic").GetString().Should().Be(topic);
                config.GetProperty("value_template").GetString().Should().Be($"{{{{ value_json.{field} }}}}");
                config.GetProperty("device_class").GetString().Should().Be("energy");
                config.GetProperty("state_class").GetString().Should().Be("total_increasing");
                config.GetProperty("unit_of_measurement").GetString().Should().Be("kWh");
                // A counter stays meaningful while the pack's data is stale: it follows only the hub's status.
                config.GetProperty("availability").EnumerateArray().Select(a => a.GetProperty("topic").GetString()).Should().Equal("solarhub/status");
            }
        }
        var cycled = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_pack1_cycled_capacity/config")).Json;
        (cycled.GetProperty("unit_of_measurement").GetString(), cycled.GetProperty("state_class").GetString()).Should().Be(("Ah", "total_increasing"));
        cycled.TryGetProperty("device_class", out _).Should().BeFalse("Home Assistant has no device class for ampere-hours");
    }

    [Fact]
    public async Task A_removed_bank_leaves_no_retained_counters_behind()
    {
        var bridge = StartBridge(Mqtt, House);
        ExpectConnected();
        Publish(Energy(1, 2, DateTimeOffset.UtcNow));
        await Watcher.WaitForAsync("solarhub/house/pack1/energy");

        bridge.Tell(new SolarHub.Configuration.HubConfigChanged(new SolarHub.Configuration.HubConfig([Shed], []), 1), Akka.Actor.ActorRefs.NoSender);

        await Watcher.WaitForAsync("solarhub/house/energy", m => m.Payload.Length == 0);
        await Watcher.WaitForAsync("solarhub/house/pack1/energy", m => m.Payload.Length == 0);
    }
}
