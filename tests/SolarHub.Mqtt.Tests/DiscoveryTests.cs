using System.Text.Json;
using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Mqtt.Connection;
using SolarHub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests;

/// <summary>Home Assistant discovery as a real broker holds it: retained configs with units, classes, topics and devices.</summary>
[Collection(BrokerTests.Name)]
public class DiscoveryTests(ITestOutputHelper output) : BridgeTestKit(output)
{
    private const string Prefix = "homeassistant";

    [Fact]
    public async Task Discovery_and_availability_are_sent_again_when_Home_Assistant_announces_itself_online()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        Publish(Pack("house", 1));
        Publish(Bank("house"));
        const string bankConfig = $"{Prefix}/sensor/solarhub_house_voltage/config";
        const string packConfig = $"{Prefix}/sensor/solarhub_house_pack1_cell_1/config";
        const string availability = "solarhub/house/pack1/availability";
        await Watcher.WaitForAsync(bankConfig);
        await Watcher.WaitForAsync(packConfig);
        await Watcher.WaitForTextAsync(availability, "online");
        var (bankConfigs, packConfigs, availabilities) = (Watcher.On(bankConfig).Count(), Watcher.On(packConfig).Count(), Watcher.On(availability).Count());

        // Home Assistant restarted: it forgot every entity and announces itself (its birth message, not retained).
        Publish(Pack("house", 1));
        await Watcher.PublishAsync($"{Prefix}/status", "online");

        (await Watcher.WaitForAsync(bankConfig, after: bankConfigs)).Json.GetProperty("unique_id").GetString().Should().Be("solarhub_house_voltage");
        await Watcher.WaitForAsync(packConfig, after: packConfigs);
        (await Watcher.WaitForAsync(availability, after: availabilities)).Payload.Should().Be("online", "the pack is fresh: not unknown in Home Assistant");
    }

    [Fact]
    public async Task Every_bank_and_pack_sensor_is_discovered_with_its_unit_class_state_topic_and_availability()
    {
        StartBridge(Mqtt, House);
        ExpectConnected();
        Publish(Pack("house", 1));
        Publish(Bank("house"));

        var voltage = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_voltage/config")).Json;
        voltage.GetProperty("unique_id").GetString().Should().Be("solarhub_house_voltage");
        voltage.GetProperty("state_topic").GetString().Should().Be("solarhub/house/state");
        voltage.GetProperty("value_template").GetString().Should().Be("{{ value_json.voltage }}");
        voltage.GetProperty("unit_of_measurement").GetString().Should().Be("V");
        voltage.GetProperty("device_class").GetString().Should().Be("voltage");
        voltage.GetProperty("state_class").GetString().Should().Be("measurement");
        Topics(voltage.GetProperty("availability")).Should().Equal("solarhub/status", "solarhub/house/availability");
        voltage.GetProperty("availability_mode").GetString().Should().Be("all");
        // Home Assistant ignores top-level payloads beside an availability list: each entry carries its own.
        voltage.TryGetProperty("payload_available", out _).Should().BeFalse();
        voltage.TryGetProperty("payload_not_available", out _).Should().BeFalse();
        voltage.GetProperty("availability").EnumerateArray().Should().OnlyContain(a =>
            a.GetProperty("payload_available").GetString() == "online" && a.GetProperty("payload_not_available").GetString() == "offline");
        voltage.GetProperty("device").GetProperty("identifiers")[0].GetString().Should().Be("solarhub_house");
        voltage.GetProperty("device").GetProperty("name").GetString().Should().Be("House bank");

        var soc = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_soc/config")).Json;
        (soc.GetProperty("unit_of_measurement").GetString(), soc.GetProperty("device_class").GetString()).Should().Be(("%", "battery"));
        var power = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_power/config")).Json;
        (power.GetProperty("unit_of_measurement").GetString(), power.GetProperty("device_class").GetString()).Should().Be(("W", "power"));
        var current = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_current/config")).Json;
        (current.GetProperty("unit_of_measurement").GetString(), current.GetProperty("device_class").GetString()).Should().Be(("A", "current"));

        // The bank's state stays visible when its data is stale: it only follows the hub's status.
        var state = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_state/config")).Json;
        Topics(state.GetProperty("availability")).Should().Equal("solarhub/status");
        state.GetProperty("device_class").GetString().Should().Be("enum");

        var cell = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_pack1_cell_16/config")).Json;
        cell.GetProperty("state_topic").GetString().Should().Be("solarhub/house/pack1/state");
        cell.GetProperty("value_template").GetString().Should().Be("{{ value_json.cells[15] }}");
        (cell.GetProperty("unit_of_measurement").GetString(), cell.GetProperty("device_class").GetString()).Should().Be(("V", "voltage"));
        Topics(cell.GetProperty("availability")).Should().Equal("solarhub/status", "solarhub/house/pack1/availability");
        var device = cell.GetProperty("device");
        device.GetProperty("identifiers")[0].GetString().Should().Be("solarhub_house_pack1");
        device.GetProperty("via_device").GetString().Should().Be("solarhub_house");
        device.GetProperty("name").GetString().Should().Be("House bank pack 1");

        // Temperature sensors come from the data: the configuration does not say how many a pack has.
        var temperature = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_pack1_temperature_2/config")).Json;
        (temperature.GetProperty("unit_of_measurement").GetString(), temperature.GetProperty("device_class").GetString()).Should().Be(("°C", "temperature"));
        temperature.GetProperty("value_template").GetString().Should().Be("{{ value_json.temperatures[1] }}");

        var cycles = (await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_pack1_cycles/config")).Json;
        cycles.GetProperty("state_class").GetString().Should().Be("total_increasing");

        var charging = (await Watcher.WaitForAsync($"{Prefix}/binary_sensor/solarhub_house_pack1_charging/config")).Json;
        charging.GetProperty("device_class").GetString().Should().Be("battery_charging");
        charging.GetProperty("value_template").GetString().Should().Be("{{ 'ON' if value_json.charging else 'OFF' }}");

        // Pack 2 has sent nothing yet: it is discovered from the configuration, shown unavailable.
        await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_pack2_voltage/config");
        await Watcher.WaitForTextAsync("solarhub/house/pack2/availability", "offline");
        // The last entity of each device in publishing order: everything before it has arrived.
        await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_pack1_energy_discharged/config");
        await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_house_pack2_energy_discharged/config");

        Watcher.All.Where(m => m.Topic.StartsWith(Prefix)).Should().OnlyContain(m => m.Retain, "discovery configs are retained");
        // The alert rules' problem sensors are counted by AlertSensorTests.
        var uniqueIds = Watcher.All.Where(m => m.Topic.StartsWith(Prefix) && m.Payload.Length > 0 && !m.Topic.Contains("_alert_"))
            .Select(m => m.Json.GetProperty("unique_id").GetString()).Distinct().ToList();
        uniqueIds.Should().HaveCount(16 + 36 + 33, "16 bank entities (2 energy counters), 36 for pack 1 (16 cells, 2 temperatures, MOS, cycled capacity, 2 energy counters), 33 for pack 2 (16 cells, no data yet)");
    }

    [Fact]
    public async Task Discovery_is_off_when_the_configuration_says_so()
    {
        StartBridge(Mqtt with { HaDiscovery = false }, House);
        ExpectConnected();
        Publish(Pack("house", 1));

        await Watcher.WaitForAsync("solarhub/house/pack1/state");
        Watcher.All.Should().NotContain(m => m.Topic.StartsWith(Prefix));
    }

    [Fact]
    public async Task A_bank_removed_from_the_configuration_loses_its_entities_and_a_new_one_gains_them()
    {
        var mqtt = Mqtt;
        var bridge = StartBridge(mqtt, House, Shed);
        ExpectConnected();
        await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_shed_pack1_cell_8/config");
        var shedTopics = Watcher.All.Where(m => m.Topic.StartsWith($"{Prefix}/") && m.Topic.Contains("solarhub_shed")).Select(m => m.Topic).ToHashSet();

        bridge.Tell(new HubConfigChanged(new HubConfig([House], [], Mqtt: mqtt), Version: 2));

        // An empty retained config is how Home Assistant is told an entity is gone.
        foreach (var topic in shedTopics)
            await Watcher.WaitForAsync(topic, m => m.Payload.Length == 0 && m.Retain);
        await Watcher.WaitForAsync("solarhub/shed/availability", m => m.Payload.Length == 0);
        Watcher.All.Where(m => m.Topic.Contains("solarhub_house")).Should().OnlyContain(m => m.Payload.Length > 0);
    }

    [Fact]
    public async Task A_bank_removed_while_the_broker_is_unreachable_loses_its_entities_when_it_is_back()
    {
        await using var proxy = new LoopbackTcpProxy(Broker.Port);
        var mqtt = Mqtt with { Port = proxy.Port };
        var bridge = StartBridge(mqtt, House, Shed);
        ExpectConnected();
        await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_shed_voltage/config");

        proxy.Cut(); // the broker keeps its retained messages; the hub cannot reach it
        Connections.FishForMessage<MqttConnectionChanged>(c => !c.Connected, Generous);
        bridge.Tell(new HubConfigChanged(new HubConfig([House], [], Mqtt: mqtt), Version: 2));
        proxy.Resume();
        ExpectConnected();

        await Watcher.WaitForAsync($"{Prefix}/sensor/solarhub_shed_voltage/config", m => m.Payload.Length == 0 && m.Retain);
        await Watcher.WaitForAsync("solarhub/shed/availability", m => m.Payload.Length == 0);
    }

    private static List<string?> Topics(JsonElement availability) =>
        availability.EnumerateArray().Select(a => a.GetProperty("topic").GetString()).ToList();
}
