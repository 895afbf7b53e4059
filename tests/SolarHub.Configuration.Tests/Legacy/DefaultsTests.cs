using System.IO.Ports;
using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>What a key left out means, as the older hub read it.</summary>
public class DefaultsTests
{
    private static AdapterConfig OnlyAdapter(string yaml) =>
        LegacyConfigReader.Read(yaml).ShouldBeValid().Config.Banks.Single().Adapters.Should().ContainSingle().Subject;

    [Fact]
    public void An_adapters_entry_without_priority_or_enabled_is_priority_1_and_enabled()
    {
        var adapter = OnlyAdapter("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """);

        adapter.Priority.Should().Be(1);
        adapter.Enabled.Should().BeTrue();
    }

    [Fact]
    public void A_serial_adapter_without_line_settings_is_115200_8N1()
    {
        var adapter = OnlyAdapter("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0}
            """);

        adapter.Transport.Should().Be(new SerialTransport("/dev/ttyUSB0", 115200, Parity.None, 8, StopBits.One));
    }

    [Fact]
    public void Without_connection_type_host_and_port_mean_tcpip()
    {
        OnlyAdapter("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: 10.0.0.7, port: 502}
            """).Transport.Should().Be(new TcpTransport("10.0.0.7", 502));
    }

    [Fact]
    public void Bms_broadcasting_absent_means_passive_as_the_older_hub_forced()
    {
        OnlyAdapter("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """).Protocol.Should().Be(AdapterProtocol.JkPassive);
    }

    [Theory]
    [InlineData("true", AdapterProtocol.JkPassive)]
    [InlineData("yes", AdapterProtocol.JkPassive)]
    [InlineData("false", AdapterProtocol.JkActive)]
    [InlineData("off", AdapterProtocol.JkActive)]
    public void Bms_broadcasting_chooses_the_protocol(string value, AdapterProtocol expected)
    {
        OnlyAdapter($$"""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, bms_broadcasting: {{value}}}
            """).Protocol.Should().Be(expected);
    }

    [Fact]
    public void Batteries_without_addresses_are_addresses_1_to_n_of_16_cells()
    {
        var bank = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, batteries: 4}
            """).ShouldBeValid().Config.Banks.Single();

        bank.Packs.Should().Equal(new PackConfig(1), new PackConfig(2), new PackConfig(3), new PackConfig(4));
        bank.Packs.Should().OnlyContain(p => p.Cells == 16);
    }

    [Fact]
    public void Neither_batteries_nor_addresses_is_one_pack_at_address_1()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """).ShouldBeValid().Config.Banks.Single().Packs.Should().Equal(new PackConfig(1, 16));
    }

    [Fact]
    public void Battery_addresses_and_cells_per_battery_are_taken_as_written()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, battery_addresses: [0, 5, 15], cells_per_battery: 8}
            """).ShouldBeValid().Config.Banks.Single().Packs
            .Should().Equal(new PackConfig(0, 8), new PackConfig(5, 8), new PackConfig(15, 8));
    }

    [Fact]
    public void Without_poll_timeout_the_adapter_keeps_the_hub_default()
    {
        OnlyAdapter("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """).PollTimeout.Should().BeNull();
    }

    [Fact]
    public void Poll_timeout_is_in_seconds()
    {
        OnlyAdapter("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, poll_timeout: 2.5}
            """).PollTimeout.Should().Be(TimeSpan.FromMilliseconds(2500));
    }

    [Theory]
    [InlineData("E", 7, "1.5", Parity.Even, StopBits.OnePointFive)]
    [InlineData("o", 5, "2", Parity.Odd, StopBits.Two)]
    [InlineData("M", 6, "1", Parity.Mark, StopBits.One)]
    [InlineData("S", 8, "1", Parity.Space, StopBits.One)]
    public void Serial_line_settings_map_to_system_io_ports(string parity, int bytesize, string stopbits, Parity expectedParity, StopBits expectedStopBits)
    {
        OnlyAdapter($$"""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, connection_type: rtu, serial_port: COM3, baudrate: 9600, parity: {{parity}}, bytesize: {{bytesize}}, stopbits: {{stopbits}}}
            """).Transport.Should().Be(new SerialTransport("COM3", 9600, expectedParity, bytesize, expectedStopBits));
    }

    [Fact]
    public void A_bank_without_name_is_named_by_its_id()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: garage
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """).ShouldBeValid().Config.Banks.Single().Name.Should().Be("garage");
    }

    [Fact]
    public void Quoted_numbers_are_read_as_numbers_as_pydantic_did()
    {
        OnlyAdapter("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: "8899"}
            """).Transport.Should().Be(new TcpTransport("gw", 8899));
    }
}
