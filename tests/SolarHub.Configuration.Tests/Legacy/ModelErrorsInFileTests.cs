using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>The model validator's findings, run by the reader and shown at the file's own keys and lines.</summary>
public class ModelErrorsInFileTests
{
    [Fact]
    public void Duplicate_bank_ids_are_reported_at_the_second_id()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
              - id: house
                adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
            """).SingleErrorAt("battery_banks[house].id");

        (error.Line, error.Column).Should().Be((4, 9));
        error.Message.Should().Be("bank id 'house' is used by another bank");
    }

    [Fact]
    public void Duplicate_priorities_among_enabled_adapters_are_reported()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
                    priority: 1
                  - adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
                    priority: 1
            """).SingleErrorAt("battery_banks[b].adapters[adapter-2].priority");

        (error.Line, error.Column).Should().Be((7, 19));
        error.Message.Should().Contain("adapter-1");
    }

    [Fact]
    public void A_disabled_adapter_may_share_a_priority()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
                  - adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
                    enabled: false
            """).ShouldBeValid();
    }

    [Fact]
    public void A_serial_port_used_by_two_banks_is_reported_at_the_second()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: north
                adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0}
              - id: south
                adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0}
            """).SingleErrorAt("battery_banks[south].adapters[adapter-1].serial_port");

        error.Line.Should().Be(5);
        error.Message.Should().Contain("/dev/ttyUSB0").And.Contain("'adapter-1' of bank 'north'");
    }

    [Fact]
    public void A_bank_whose_adapters_are_all_disabled_is_reported()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
                    enabled: false
            """).SingleErrorAt("battery_banks[b].adapters");

        error.Line.Should().Be(4);
        error.Message.Should().StartWith("no enabled adapter");
    }

    [Fact]
    public void An_empty_host_is_reported()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: "", port: 8899}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].host").Message.Should().Be("the host is empty");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void A_port_outside_1_to_65535_is_reported_with_its_value(int port)
    {
        LegacyConfigReader.Read($$"""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: {{port}}}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].port").Message.Should().Be($"{port} is not a TCP port (1-65535)");
    }

    [Fact]
    public void A_duplicated_pack_address_is_reported_at_the_second_item()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, battery_addresses: [1, 2, 1]}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].battery_addresses[2]");

        error.Message.Should().Be("pack address 1 is listed twice");
        error.Column.Should().Be(82);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void A_cell_count_outside_1_to_32_is_reported_once(int cells)
    {
        var result = LegacyConfigReader.Read($$"""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, batteries: 3, cells_per_battery: {{cells}}}
            """);

        result.SingleErrorAt("battery_banks[b].adapters[adapter-1].cells_per_battery").Message.Should().Be($"{cells} is not a cell count (1-32)");
        result.Errors.Should().HaveCount(1, "three packs with the same bad count are one mistake");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void A_poll_timeout_of_zero_or_less_is_reported(string seconds)
    {
        LegacyConfigReader.Read($$"""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, poll_timeout: {{seconds}}}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].poll_timeout").Message.Should().StartWith($"{seconds} is not a poll timeout");
    }

    [Fact]
    public void A_bank_whose_only_adapter_is_unsupported_gets_one_error_not_a_cascade()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: pytes, serial_port: /dev/ttyUSB0}
            """);

        result.Errors.Should().ContainSingle().Which.Path.Should().Be("battery_banks[b].adapters[adapter-1].type");
    }

    [Fact]
    public void A_bank_whose_addresses_are_all_bad_gets_the_address_errors_only()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, battery_addresses: [one, two]}
            """);

        result.Errors.Select(e => e.Path).Should().Equal(
            "battery_banks[b].adapters[adapter-1].battery_addresses[0]",
            "battery_banks[b].adapters[adapter-1].battery_addresses[1]");
    }

    [Fact]
    public void Errors_in_the_deprecated_battery_bank_are_named_from_battery_bank()
    {
        var result = LegacyConfigReader.Read("""
            battery_bank:
              adapter: {type: jkbms_tcpip, host: gw, port: 0}
            """);

        result.SingleErrorAt("battery_bank.adapters[adapter-1].port").Line.Should().Be(2);
        result.Warnings.Should().ContainSingle();
    }
}
