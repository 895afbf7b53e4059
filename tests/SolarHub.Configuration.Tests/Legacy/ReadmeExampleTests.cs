using System.IO.Ports;
using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>The example every user of the older hub started from: one bank, a TCP gateway and a USB fallback.</summary>
public class ReadmeExampleTests
{
    private const string Example = """
        battery_banks:
          - id: bank-1
            name: House bank
            adapters:
              - adapter: {type: jkbms_tcpip, connection_type: tcpip, host: 192.168.1.100, port: 8899, batteries: 3, cells_per_battery: 16, bms_broadcasting: true}
                priority: 1
                enabled: true
              - adapter: {type: jkbms_tcpip, connection_type: rtu, serial_port: /dev/ttyUSB0, baudrate: 115200, batteries: 3, cells_per_battery: 16, bms_broadcasting: false}
                priority: 2
        """;

    private static BankConfig Bank => LegacyConfigReader.Read(Example).ShouldBeValid().Config.Banks.Should().ContainSingle().Subject;

    [Fact]
    public void Reads_one_bank_with_its_id_and_name()
    {
        var result = LegacyConfigReader.Read(Example).ShouldBeValid();

        result.Warnings.Should().BeEmpty();
        result.Arrays.Should().BeEmpty();
        result.Config.IgnoredSections.Should().BeEmpty();
        Bank.Id.Should().Be("bank-1");
        Bank.Name.Should().Be("House bank");
    }

    [Fact]
    public void The_gateway_is_a_passive_tcp_adapter_with_priority_1()
    {
        Bank.Adapters[0].Should().Be(new AdapterConfig("adapter-1", AdapterProtocol.JkPassive, new TcpTransport("192.168.1.100", 8899), Priority: 1, Enabled: true));
    }

    [Fact]
    public void The_dongle_is_an_active_serial_adapter_with_priority_2()
    {
        Bank.Adapters[1].Should().Be(new AdapterConfig(
            "adapter-2", AdapterProtocol.JkActive, new SerialTransport("/dev/ttyUSB0", 115200, Parity.None, 8, StopBits.One), Priority: 2, Enabled: true));
    }

    [Fact]
    public void Three_batteries_of_16_cells_are_packs_1_to_3()
    {
        Bank.Packs.Should().Equal(new PackConfig(1, 16), new PackConfig(2, 16), new PackConfig(3, 16));
    }

    [Fact]
    public void Failover_order_is_the_gateway_then_the_dongle()
    {
        Bank.FailoverOrder.Select(a => a.Id).Should().Equal("adapter-1", "adapter-2");
    }

    [Fact]
    public void Reading_the_same_text_twice_gives_the_same_configuration_and_adapter_ids()
    {
        var first = LegacyConfigReader.Read(Example).Config.Banks.Single();
        var second = LegacyConfigReader.Read(Example).Config.Banks.Single();

        second.Adapters.Should().Equal(first.Adapters);
        second.Packs.Should().Equal(first.Packs);
    }
}
