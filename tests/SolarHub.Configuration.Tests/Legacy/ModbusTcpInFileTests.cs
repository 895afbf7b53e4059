using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary><c>connection_type: modbus_tcp</c>, SolarHub's own: a converter in "Modbus TCP to RTU" mode, for active adapters.</summary>
public class ModbusTcpInFileTests
{
    [Fact]
    public void An_active_adapter_may_reach_its_packs_through_a_modbus_tcp_gateway()
    {
        var adapters = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw1, port: 8899, batteries: 3}
                  - adapter: {type: jkbms_tcpip, connection_type: modbus_tcp, host: 10.0.0.7, port: 502, batteries: 3, bms_broadcasting: false}
                    priority: 2
            """).ShouldBeValid().Config.Banks.Single().Adapters;

        adapters[1].Transport.Should().Be(new ModbusTcpTransport("10.0.0.7", 502));
        adapters[1].Protocol.Should().Be(AdapterProtocol.JkActive);
        adapters[1].Describe().Should().Be("adapter-2 (jk-active tcp+modbus://10.0.0.7:502, priority 2)");
    }

    [Fact]
    public void A_passive_adapter_on_a_modbus_tcp_gateway_is_an_error_at_connection_type_saying_it_would_only_be_silent()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapter:
                  type: jkbms_tcpip
                  connection_type: modbus_tcp
                  host: 10.0.0.7
                  port: 502
            """).SingleErrorAt("battery_banks[house].adapters[adapter-1].connection_type");

        (error.Line, error.Column).Should().Be((5, 24));
        error.Message.Should().Be("adapter 'adapter-1' listens (jk-passive) to tcp+modbus://10.0.0.7:502, a Modbus TCP gateway, which forwards only answers " +
            "to the hub's own polls: it would only ever be silent. Make the adapter active (jk-active) to poll the packs through it, " +
            "or set the converter to transparent mode and use tcp://");
    }

    [Fact]
    public void A_modbus_tcp_connection_needs_host_and_port_and_ignores_serial_settings()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapter: {type: jkbms_tcpip, connection_type: modbus_tcp, serial_port: /dev/ttyUSB0, bms_broadcasting: false}
            """);

        result.SingleErrorAt("battery_banks[house].adapters[adapter-1].host").Message.Should().Be("missing: a modbus_tcp connection needs the gateway's host name or IP address");
        result.SingleErrorAt("battery_banks[house].adapters[adapter-1].port").Message.Should().Be("missing: a modbus_tcp connection needs the gateway's TCP port");
        result.Warnings.Should().ContainSingle().Which.Should()
            .EndWith("battery_banks[house].adapters[adapter-1].serial_port: ignored: the connection is modbus_tcp (the gateway sets its own serial line)");
    }

    [Fact]
    public void An_unknown_connection_type_lists_modbus_tcp_among_the_known_ones()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapter: {type: jkbms_tcpip, connection_type: modbus, host: gw, port: 502}
            """).SingleErrorAt("battery_banks[house].adapters[adapter-1].connection_type")
            .Message.Should().Be("'modbus' is not a connection type (tcpip, rtu or modbus_tcp)");
    }

    [Fact]
    public void Export_writes_modbus_tcp_back_so_reading_the_export_gives_the_same_adapters()
    {
        var config = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899}
                  - adapter: {type: jkbms_tcpip, connection_type: modbus_tcp, host: gw-modbus, port: 502, bms_broadcasting: false, poll_timeout: 0.5}
                    priority: 2
            """).ShouldBeValid().Config;

        var written = LegacyYamlWriter.Write(config);
        var again = LegacyConfigReader.Read(written.Yaml).ShouldBeValid().Config;

        written.Warnings.Should().BeEmpty();
        written.Yaml.Should().Contain("connection_type: modbus_tcp");
        again.Banks.Single().Adapters.Should().Equal(config.Banks.Single().Adapters);
    }
}
