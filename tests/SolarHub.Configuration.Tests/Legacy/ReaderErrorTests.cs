using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;
using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>What the reader itself rejects: shapes, types and keys of the legacy format, each at its path and line.</summary>
public class ReaderErrorTests
{
    [Fact]
    public void A_port_out_of_range_is_reported_with_file_line_column_path_and_value()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: bank-1
                adapters:
                  - adapter:
                      type: jkbms_tcpip
                      host: 192.168.1.100
                      port: 70000
            """).SingleErrorAt("battery_banks[bank-1].adapters[adapter-1].port");

        error.Should().Be(new ConfigError(7, 17, "battery_banks[bank-1].adapters[adapter-1].port", "70000 is not a TCP port (1-65535)", "config.yaml"));
        error.ToString().Should().Be("config.yaml:7:17: battery_banks[bank-1].adapters[adapter-1].port: 70000 is not a TCP port (1-65535)");
    }

    [Theory]
    [InlineData("pytes")]
    [InlineData("jkbms_ble")]
    [InlineData("jkbms_passive")]
    public void A_battery_adapter_of_another_type_is_an_error_naming_the_entry(string type)
    {
        var result = LegacyConfigReader.Read($$"""
            battery_banks:
              - id: bank-1
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899}
                  - adapter: {type: {{type}}, serial_port: /dev/ttyUSB1}
                    priority: 2
            """);

        var error = result.SingleErrorAt("battery_banks[bank-1].adapters[adapter-2].type");
        error.Line.Should().Be(5);
        error.Message.Should().StartWith($"'{type}' is not supported");
        result.Errors.Should().HaveCount(1, "the rest of that adapter is not checked against a format it does not have");
    }

    [Fact]
    public void An_adapter_without_type_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {host: gw, port: 8899}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].type").Line.Should().Be(3);
    }

    [Fact]
    public void An_unknown_key_in_a_bank_is_an_error_at_the_key()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
                capacity_kwh: 15
            """).SingleErrorAt("battery_banks[b].capacity_kwh");

        (error.Line, error.Column).Should().Be((4, 5));
        error.Message.Should().StartWith("unknown key 'capacity_kwh' in a battery bank");
    }

    [Fact]
    public void An_unknown_key_in_an_adapters_entry_is_an_error()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899}
                    weight: 3
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].weight");

        error.Line.Should().Be(5);
        error.Message.Should().StartWith("unknown key 'weight' in an adapters entry");
    }

    [Fact]
    public void An_adapter_setting_beside_adapter_is_an_unknown_key_with_a_hint()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw}
                    port: 8899
            """);

        // The adapter itself then lacks its port: both are true, and the hint says how to fix both.
        result.Errors.Select(e => (e.Line, e.Path, e.Message)).Should().BeEquivalentTo([
            (4, "battery_banks[b].adapters[adapter-1].port", "missing: a tcpip connection needs the gateway's TCP port"),
            (5, "battery_banks[b].adapters[adapter-1].port",
                "unknown key 'port' in an adapters entry (known: adapter, priority, enabled); adapter settings such as port go under adapter:"),
        ]);
    }

    [Fact]
    public void An_unknown_key_in_an_adapter_is_an_error()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter:
                  type: jkbms_tcpip
                  host: gw
                  port: 8899
                  dev_name: battery_bank
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].dev_name");

        error.Line.Should().Be(7);
        error.Message.Should().StartWith("unknown key 'dev_name' in a jkbms_tcpip adapter");
    }

    [Fact]
    public void Priority_inside_the_adapter_mapping_is_an_unknown_key_with_a_hint()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899, priority: 2}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].priority").Message
            .Should().Contain("goes beside adapter:");
    }

    [Fact]
    public void A_bank_without_id_is_an_error_and_is_named_by_its_index()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: a
                adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
              - name: No id
                adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
            """).SingleErrorAt("battery_banks[1].id");

        error.Line.Should().Be(4);
        error.Message.Should().Contain("missing");
    }

    [Fact]
    public void A_bank_with_both_adapter_and_adapters_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
            """).SingleErrorAt("battery_banks[b].adapters").Line.Should().Be(5);
    }

    [Fact]
    public void A_bank_without_adapter_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                name: Lonely
            """).SingleErrorAt("battery_banks[b]").Message.Should().StartWith("no adapter");
    }

    [Fact]
    public void An_empty_adapters_list_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters: []
            """).SingleErrorAt("battery_banks[b].adapters").Line.Should().Be(3);
    }

    [Fact]
    public void An_adapters_entry_without_adapter_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - priority: 1
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].adapter").Line.Should().Be(4);
    }

    [Fact]
    public void An_unknown_connection_type_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, connection_type: ble, host: gw, port: 8899}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].connection_type").Message
            .Should().Be("'ble' is not a connection type (tcpip, rtu or modbus_tcp)");
    }

    [Fact]
    public void Host_and_serial_port_without_connection_type_is_ambiguous()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, serial_port: /dev/ttyUSB0}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].connection_type").Message.Should().Contain("both");
    }

    [Fact]
    public void An_adapter_without_any_connection_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, batteries: 2}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1]").Message.Should().StartWith("no connection");
    }

    [Fact]
    public void A_tcpip_adapter_without_port_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, connection_type: tcpip, host: gw}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].port").Message.Should().StartWith("missing");
    }

    [Fact]
    public void A_tcpip_adapter_without_host_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, port: 8899}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].host").Message.Should().StartWith("missing");
    }

    [Fact]
    public void An_rtu_adapter_without_serial_port_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, connection_type: rtu, baudrate: 9600}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].serial_port").Message.Should().StartWith("missing");
    }

    [Theory]
    [InlineData("port: gateway", "port", "'gateway' is not a whole number")]
    [InlineData("port: 8899.5", "port", "'8899.5' is not a whole number")]
    [InlineData("port: 8899, bms_broadcasting: maybe", "bms_broadcasting", "'maybe' is not true or false")]
    [InlineData("port: 8899, poll_timeout: soon", "poll_timeout", "'soon' is not a number")]
    [InlineData("port: 8899, cells_per_battery: [16]", "cells_per_battery", "a list is not a whole number")]
    public void A_value_of_the_wrong_kind_is_an_error_showing_it(string rest, string key, string message)
    {
        LegacyConfigReader.Read($$"""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, {{rest}}}
            """).SingleErrorAt($"battery_banks[b].adapters[adapter-1].{key}").Message.Should().Be(message);
    }

    [Theory]
    [InlineData("parity: X", "parity", "'X' is not a parity (N, E, O, M or S)")]
    [InlineData("stopbits: 3", "stopbits", "3 is not a stop bit count (1, 1.5 or 2)")]
    [InlineData("bytesize: 9", "bytesize", "9 is not a data bit count (5-8)")]
    [InlineData("baudrate: 0", "baudrate", "0 is not a baud rate (must be positive)")]
    [InlineData("baudrate: -9600", "baudrate", "-9600 is not a baud rate (must be positive)")]
    public void A_bad_serial_line_setting_is_an_error(string setting, string key, string message)
    {
        var error = LegacyConfigReader.Read($$"""
            battery_banks:
              - id: b
                adapter:
                  type: jkbms_tcpip
                  serial_port: /dev/ttyUSB0
                  {{setting}}
            """).SingleErrorAt($"battery_banks[b].adapters[adapter-1].{key}");

        error.Message.Should().Be(message);
        error.Line.Should().Be(6);
    }

    [Fact]
    public void Addresses_that_are_not_addresses_are_reported_per_item()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter:
                  type: jkbms_tcpip
                  host: gw
                  port: 8899
                  battery_addresses: [1, two, -1, 300, 16]
            """);

        result.SingleErrorAt("battery_banks[b].adapters[adapter-1].battery_addresses[1]").Message.Should().Be("'two' is not a pack address (0-15)");
        result.SingleErrorAt("battery_banks[b].adapters[adapter-1].battery_addresses[2]").Message.Should().Be("-1 is not a pack address (0-15)");
        result.SingleErrorAt("battery_banks[b].adapters[adapter-1].battery_addresses[3]").Message.Should().Be("300 is not a pack address (0-15)");
        result.SingleErrorAt("battery_banks[b].adapters[adapter-1].battery_addresses[4]").Message.Should().Be("16 is not a pack address (0-15)");
        result.Errors.Should().HaveCount(4).And.OnlyContain(e => e.Line == 7);
    }

    [Fact]
    public void Batteries_that_disagree_with_the_address_list_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, batteries: 3, battery_addresses: [1, 2]}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].battery_addresses").Message
            .Should().Be("lists 2 addresses but batteries is 3");
    }

    [Fact]
    public void No_batteries_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, batteries: 0}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].batteries").Message.Should().Be("0 is not a battery count (at least 1)");
    }

    [Fact]
    public void Sixteen_batteries_need_explicit_addresses()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapter: {type: jkbms_tcpip, host: gw, port: 8899, batteries: 16}
            """).SingleErrorAt("battery_banks[b].adapters[adapter-1].batteries").Message.Should().Contain("need battery_addresses");
    }

    [Fact]
    public void Adapters_of_one_bank_that_expect_different_packs_are_an_error_naming_both()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: bank-1
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899, batteries: 3}
                  - adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0, batteries: 2, cells_per_battery: 8}
                    priority: 2
            """);

        var addresses = result.SingleErrorAt("battery_banks[bank-1].adapters[adapter-2].batteries");
        addresses.Line.Should().Be(5);
        addresses.Message.Should().Contain("adapter-2").And.Contain("adapter-1").And.Contain("[1, 2]").And.Contain("[1, 2, 3]");
        var cells = result.SingleErrorAt("battery_banks[bank-1].adapters[adapter-2].cells_per_battery");
        cells.Message.Should().Contain("8").And.Contain("16").And.Contain("adapter-1").And.Contain("adapter-2");
    }

    [Fact]
    public void The_same_addresses_in_another_order_are_the_same_packs()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899, battery_addresses: [1, 2, 3]}
                  - adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0, battery_addresses: [3, 1, 2]}
                    priority: 2
            """).ShouldBeValid();
    }

    [Fact]
    public void An_array_naming_a_bank_that_does_not_exist_is_an_error()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: north
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            battery_bank_arrays:
              - id: all
                battery_bank_ids:
                  - north
                  - south
            """);

        var error = result.SingleErrorAt("battery_bank_arrays[all].battery_bank_ids[1]");
        (error.Line, error.Column).Should().Be((8, 9));
        error.Message.Should().Be("'south' is not the id of a bank in battery_banks");
        result.Arrays.Should().ContainSingle().Which.BankIds.Should().Equal("north");
    }

    [Fact]
    public void An_unknown_key_in_an_array_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: north
                adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            battery_bank_arrays:
              - id: all
                battery_bank_ids: [north]
                inverter_array: array1
            """).SingleErrorAt("battery_bank_arrays[all].inverter_array").Line.Should().Be(7);
    }

    [Fact]
    public void A_file_without_battery_banks_is_an_error()
    {
        var result = LegacyConfigReader.Read("""
            inverters: []
            """);

        result.SingleErrorAt("battery_banks").Message.Should().StartWith("no battery bank");
        result.Config.IgnoredSections.Should().Equal("inverters");
    }

    [Fact]
    public void A_bank_that_is_not_a_mapping_is_an_error()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - bank-1
            """).SingleErrorAt("battery_banks[0]").Line.Should().Be(2);
    }
}
