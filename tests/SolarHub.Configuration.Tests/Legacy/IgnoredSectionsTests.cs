using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>The older hub's other sections are seen and listed, never errors.</summary>
public class IgnoredSectionsTests
{
    [Fact]
    public void Sections_solarhub_does_not_handle_are_listed_once_each_in_file_order_and_mqtt_is_read()
    {
        var result = LegacyConfigReader.Read("""
            mqtt: {host: broker, port: 1883}
            inverters:
              - id: inv1
                adapter: {type: senergy, host: 10.0.0.5}
              - id: inv2
                adapter: {type: powdrive, serial_port: /dev/ttyUSB3}
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            meters: []
            smart:
              policy: {enabled: true}
            billing: {}
            something_new: 1
            """).ShouldBeValid();

        result.Config.IgnoredSections.Should().Equal("inverters", "meters", "smart", "billing", "something_new");
        result.Config.Banks.Should().ContainSingle();
        result.Config.Mqtt.Should().Be(new MqttConfig("broker", 1883));
    }

    [Fact]
    public void An_empty_ignored_section_is_still_listed()
    {
        LegacyConfigReader.Read("""
            inverters:
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """).ShouldBeValid().Config.IgnoredSections.Should().Equal("inverters");
    }
}
