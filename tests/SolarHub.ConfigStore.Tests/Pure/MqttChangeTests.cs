using System.Text;
using Akka.Actor;
using Akka.Configuration;
using SolarHub.Configuration;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Pure;

/// <summary>The MQTT output in the stored configuration: planned, applied, validated and stored under stable names.</summary>
public sealed class MqttChangeTests : IDisposable
{
    private static readonly MqttConfig Broker = new("broker.lan", 1884, "hub", "s3cret", "home/solar", "hub-1", HaDiscovery: false, DiscoveryPrefix: "ha");

    private readonly ActorSystem _system = ActorSystem.Create("mqtt-change-test", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
    private readonly ConfigStoreSerializer _serializer;

    public MqttChangeTests() => _serializer = new ConfigStoreSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Fact]
    public void Planning_sets_changes_and_removes_the_mqtt_output_and_nothing_when_it_is_the_same()
    {
        var without = TwoBanks();
        var with = without with { Mqtt = Broker };

        ConfigPlanner.Plan(without, with).Should().Equal(new MqttConfigured(Broker));
        ConfigPlanner.Plan(with, with with { Mqtt = Broker with { Password = "new" } }).Should().Equal(new MqttConfigured(Broker with { Password = "new" }));
        ConfigPlanner.Plan(with, without).Should().Equal(new MqttRemoved());
        ConfigPlanner.Plan(with, with).Should().BeEmpty("importing the same file twice changes nothing");
    }

    [Fact]
    public void Applying_sets_and_removes_it_and_removing_none_is_an_error_naming_mqtt()
    {
        var applied = ConfigChangeApplier.Apply(TwoBanks(), [new MqttConfigured(Broker)]);
        applied.Config.Mqtt.Should().Be(Broker);

        ConfigChangeApplier.Apply(applied.Config, [new MqttRemoved()]).Config.Mqtt.Should().BeNull();
        ConfigChangeApplier.Apply(TwoBanks(), [new MqttRemoved()]).Errors.Should().ContainSingle()
            .Which.ToString().Should().Be("mqtt: no MQTT output is configured");
    }

    [Fact]
    public void The_store_refuses_a_bad_mqtt_field_by_name()
    {
        var errors = StoredConfigValidator.Validate(TwoBanks() with { Mqtt = Broker with { Port = 0, BaseTopic = "a/#" } });

        errors.Select(e => e.ToString()).Should().Equal(
            "mqtt.port: 0 is not a TCP port (1-65535)",
            "mqtt.base_topic: 'a/#' contains a wildcard (+ or #), which a topic to publish to cannot hold");
    }

    [Fact]
    public void The_changes_are_stored_under_stable_names_and_describe_themselves_without_the_password()
    {
        var set = new ConfigChangeSet(DateTimeOffset.UnixEpoch, "test", [new MqttConfigured(Broker), new MqttRemoved()]);

        var bytes = _serializer.ToBinary(set);
        var restored = (ConfigChangeSet)_serializer.FromBinary(bytes, _serializer.Manifest(set));

        var json = Encoding.UTF8.GetString(bytes);
        json.Should().Contain("\"$kind\":\"mqtt-configured\"").And.Contain("\"$kind\":\"mqtt-removed\"");
        restored.Changes.Should().Equal(set.Changes);
        restored.Changes[0].Describe().Should().Be("mqtt: mqtt://hub:***@broker.lan:1884 base topic home/solar, no Home Assistant discovery");
        json.Should().NotContain("effectiveClientId", "derived values are not stored");
    }

    [Fact]
    public void A_snapshot_keeps_the_mqtt_output_and_a_snapshot_written_before_mqtt_existed_still_reads()
    {
        var config = TwoBanks() with { Mqtt = Broker };
        var restored = (HubConfig)_serializer.FromBinary(_serializer.ToBinary(config), "config.v1");
        restored.Mqtt.Should().Be(Broker);

        var old = Encoding.UTF8.GetString(_serializer.ToBinary(TwoBanks())).Replace(",\"mqtt\":null", "");
        old.Should().NotContain("mqtt");
        var fromOld = (HubConfig)_serializer.FromBinary(Encoding.UTF8.GetBytes(old), "config.v1");
        fromOld.Mqtt.Should().BeNull();
        Canonical(fromOld).Should().Be(Canonical(TwoBanks()));
    }
}
