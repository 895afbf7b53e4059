using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;
using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>The legacy <c>mqtt:</c> section: every key read, every bad value an error at its line naming the field.</summary>
public class MqttSectionTests
{
    private const string Bank = """
        battery_banks:
          - id: b
            adapter: {type: jkbms_tcpip, host: gw, port: 8899}

        """;

    private static LegacyConfigResult Read(string mqtt) => LegacyConfigReader.Read(Bank + mqtt);

    [Fact]
    public void Every_key_is_read()
    {
        var result = Read("""
            mqtt:
              host: broker.lan
              port: "8883"
              username: hub
              password: s3cret
              base_topic: home/batteries
              client_id: hub-garage
              ha_discovery: no
              discovery_prefix: ha
            """).ShouldBeValid();

        result.Config.Mqtt.Should().Be(new MqttConfig("broker.lan", 8883, "hub", "s3cret", "home/batteries", "hub-garage", HaDiscovery: false, DiscoveryPrefix: "ha"));
        result.Config.IgnoredSections.Should().BeEmpty();
    }

    [Fact]
    public void Only_host_is_required_and_the_rest_has_defaults()
    {
        var mqtt = Read("mqtt: {host: 10.0.0.2}").ShouldBeValid().Config.Mqtt!;

        mqtt.Should().Be(new MqttConfig("10.0.0.2"));
        mqtt.Port.Should().Be(1883);
        mqtt.BaseTopic.Should().Be("solarhub");
        mqtt.HaDiscovery.Should().BeTrue();
        mqtt.DiscoveryPrefix.Should().Be("homeassistant");
        mqtt.EffectiveClientId.Should().StartWith("solarhub-");
    }

    [Fact]
    public void An_empty_section_means_no_mqtt_and_no_section_means_none_either()
    {
        Read("mqtt:").ShouldBeValid().Config.Mqtt.Should().BeNull();
        LegacyConfigReader.Read(Bank).ShouldBeValid().Config.Mqtt.Should().BeNull();
    }

    [Theory]
    [InlineData("mqtt: {port: 1883}", "mqtt.host", "missing: the mqtt section needs the broker's host", 4)]
    [InlineData("mqtt: {host: \"\"}", "mqtt.host", "the broker host is empty", 4)]
    [InlineData("mqtt: {host: b, port: 70000}", "mqtt.port", "70000 is not a TCP port (1-65535)", 4)]
    [InlineData("mqtt: {host: b, port: 0}", "mqtt.port", "0 is not a TCP port (1-65535)", 4)]
    [InlineData("mqtt: {host: b, port: mqtt}", "mqtt.port", "'mqtt' is not a whole number", 4)]
    [InlineData("mqtt: {host: b, ha_discovery: maybe}", "mqtt.ha_discovery", "'maybe' is not true or false", 4)]
    [InlineData("mqtt: {host: b, base_topic: solar/#}", "mqtt.base_topic", "'solar/#' contains a wildcard (+ or #), which a topic to publish to cannot hold", 4)]
    [InlineData("mqtt: {host: b, base_topic: /solar}", "mqtt.base_topic", "'/solar' starts or ends with '/': write it without", 4)]
    [InlineData("mqtt: {host: b, discovery_prefix: \"ha/+\"}", "mqtt.discovery_prefix", "'ha/+' contains a wildcard (+ or #), which a topic to publish to cannot hold", 4)]
    [InlineData("mqtt: {host: b, password: x}", "mqtt.password", "a password without a username: give username too", 4)]
    [InlineData("mqtt: {host: b, username: \"\"}", "mqtt.username", "the user name is empty (leave it out for an anonymous broker)", 4)]
    [InlineData("mqtt: {host: b, client_id: \"\"}", "mqtt.client_id", "'' is not a client id (1-256 characters, no control characters)", 4)]
    [InlineData("mqtt: {host: [a, b]}", "mqtt.host", "a list is not a text value", 4)]
    [InlineData("mqtt: broker", "mqtt", "'broker' is not a mapping (host, port, username, …)", 4)]
    public void A_bad_field_is_an_error_at_its_line_naming_it(string yaml, string path, string message, int line)
    {
        var error = Read(yaml).SingleErrorAt(path);

        error.Message.Should().Be(message);
        error.Line.Should().Be(line);
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_it_and_the_known_ones()
    {
        var error = Read("""
            mqtt:
              host: b
              keepalive: 30
            """).SingleErrorAt("mqtt.keepalive");

        error.Line.Should().Be(6);
        error.Message.Should().Be("unknown key 'keepalive' in the mqtt section (known: host, port, username, password, base_topic, client_id, ha_discovery, discovery_prefix)");
    }

    [Fact]
    public void Every_bad_field_is_reported_in_one_pass()
    {
        var result = Read("""
            mqtt:
              port: 99999
              ha_discovery: perhaps
              base_topic: "a/+/b"
            """);

        result.Errors.Select(e => e.Path).Should().BeEquivalentTo("mqtt.host", "mqtt.port", "mqtt.ha_discovery", "mqtt.base_topic");
    }

    [Fact]
    public void The_password_never_shows_in_text()
    {
        var mqtt = new MqttConfig("b", Username: "hub", Password: "s3cret");

        mqtt.ToString().Should().NotContain("s3cret").And.Contain("hub:***@b:1883");
    }

    [Fact]
    public void The_stored_configuration_rules_name_the_field_too()
    {
        MqttConfigValidator.Validate(new MqttConfig(" ", 0, BaseTopic: ""))
            .Select(e => $"{e.Path}: {e.Message}")
            .Should().Equal("mqtt.host: the broker host is empty", "mqtt.port: 0 is not a TCP port (1-65535)", "mqtt.base_topic: the topic is empty");
    }
}
