using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>Accepted but worth telling: settings that do nothing for the chosen connection.</summary>
public class WarningTests
{
    [Fact]
    public void Serial_settings_on_a_tcpip_adapter_are_ignored_with_a_warning_each()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter:
                  type: jkbms_tcpip
                  connection_type: tcpip
                  host: gw
                  port: 8899
                  baudrate: 115200
                  serial_port: /dev/ttyUSB0
            """).ShouldBeValid();

        result.Warnings.Should().Equal(
            "config.yaml:8:17: battery_banks[b].adapters[adapter-1].baudrate: ignored: the connection is tcpip (the gateway sets its own serial line)",
            "config.yaml:9:20: battery_banks[b].adapters[adapter-1].serial_port: ignored: the connection is tcpip (the gateway sets its own serial line)");
        result.Config.Banks.Single().Adapters.Single().Transport.Should().Be(new TcpTransport("gw", 8899));
    }

    [Fact]
    public void A_host_on_an_rtu_adapter_is_ignored_with_a_warning()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, connection_type: rtu, serial_port: /dev/ttyUSB0, host: gw}
            """).ShouldBeValid();

        result.Warnings.Should().ContainSingle().Which.Should().Contain("adapters[adapter-1].host: ignored");
    }
}
