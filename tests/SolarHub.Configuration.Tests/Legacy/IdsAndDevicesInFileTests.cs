using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>The id, name and device rules in a config.yaml: each finding at the key the user wrote.</summary>
public class IdsAndDevicesInFileTests
{
    [Fact]
    public void Bank_ids_that_differ_only_in_case_are_reported_at_the_second_id()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
              - id: House
                adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
            """).SingleErrorAt("battery_banks[House].id");

        (error.Line, error.Column).Should().Be((4, 9));
        error.Message.Should().Be("bank id 'House' is the id of bank 'house' in other letters (ids are compared ignoring case)");
    }

    [Fact]
    public void A_bank_id_with_a_space_at_its_end_and_a_name_with_an_escape_are_reported_where_written()
    {
        var read = LegacyConfigReader.Read("""
            battery_banks:
              - id: "house "
                name: "House\e[2J"
                adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
            """);

        read.Errors.Select(e => e.ToString()).Should().Equal(
            "config.yaml:2:9: battery_banks[house ].id: 'house ' is not a bank id: a space is not allowed (1-64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit)",
            "config.yaml:3:11: battery_banks[house ].name: 'House\\u001b[2J' is not a bank name: it holds the control character \\u001b " +
            "(a name is printed: no control characters, line breaks or direction overrides)");
    }

    [Fact]
    public void A_serial_port_with_a_trailing_space_and_another_spelling_of_a_used_device_are_errors()
    {
        var read = LegacyConfigReader.Read("""
            battery_banks:
              - id: north
                adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0}
              - id: south
                adapter: {type: jkbms_tcpip, serial_port: /dev//ttyUSB0}
              - id: east
                adapter: {type: jkbms_tcpip, serial_port: "/dev/ttyUSB1 "}
            """);

        read.Errors.Select(e => $"{e.Line}:{e.Path}").Should().Equal(
            "5:battery_banks[south].adapters[adapter-1].serial_port", "7:battery_banks[east].adapters[adapter-1].serial_port");
        read.Errors[0].Message.Should().StartWith("/dev//ttyUSB0 is the device /dev/ttyUSB0, already used as /dev/ttyUSB0 by adapter 'adapter-1' of bank 'north'");
        read.Errors[1].Message.Should().Be("'/dev/ttyUSB1 ' starts or ends with a space: write the device path without it");
    }

    [Fact]
    public void Array_ids_follow_the_same_rules()
    {
        var read = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
            battery_bank_arrays:
              - id: all
                battery_bank_ids: [house]
              - id: ALL
                battery_bank_ids: [house]
              - id: a/b
                battery_bank_ids: [house]
            """);

        read.Errors.Select(e => $"{e.Path}: {e.Message}").Should().Equal(
            "battery_bank_arrays[ALL].id: array id 'ALL' is the id of array 'all' in other letters (ids are compared ignoring case)",
            "battery_bank_arrays[a/b].id: 'a/b' is not an array id: '/' is not allowed (1-64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit)");
    }
}
