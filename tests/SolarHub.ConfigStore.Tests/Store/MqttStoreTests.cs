using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Store;

/// <summary>The MQTT output survives a restart of the store on a real (SQLite) database, and its removal too.</summary>
public sealed class MqttStoreTests
{
    [Fact]
    public async Task A_replaced_configuration_with_mqtt_is_recovered_and_so_is_its_removal()
    {
        await using var db = TestDatabase.Sqlite();
        var mqtt = new MqttConfig("broker.lan", Username: "hub", Password: "s3cret");
        await using (var node = await StoreNode.StartAsync(db.Config))
            (await node.ReplaceAsync(TwoBanks() with { Mqtt = mqtt })).Should().BeOfType<ChangesAccepted>();

        await using (var node = await StoreNode.StartAsync(db.Config))
        {
            var recovered = await node.GetAsync();
            recovered.Config.Mqtt.Should().Be(mqtt);
            var removed = (await node.ReplaceAsync(TwoBanks())).Should().BeOfType<ChangesAccepted>().Subject;
            removed.Changes.Should().Equal(new MqttRemoved());
        }

        await using (var node = await StoreNode.StartAsync(db.Config))
            (await node.GetAsync()).Config.Mqtt.Should().BeNull();
    }
}
