using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;
using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>Whole realistic files from Data/, read from disk.</summary>
public class SampleFileTests
{
    [Fact]
    public void The_two_adapter_example_file_reads_like_the_text()
    {
        var fromFile = LegacyConfigReader.ReadFile(SampleFiles.PathOf("two-adapter-bank.yaml")).ShouldBeValid();

        var bank = fromFile.Config.Banks.Should().ContainSingle().Subject;
        bank.Adapters.Select(a => a.Transport.Describe()).Should().Equal("tcp://192.168.1.100:8899", "serial:///dev/ttyUSB0@115200");
    }

    [Fact]
    public void A_whole_python_hub_file_gives_its_banks_arrays_mqtt_and_ignored_sections()
    {
        var result = LegacyConfigReader.ReadFile(SampleFiles.PathOf("full-python-hub.yaml")).ShouldBeValid();

        result.Config.Banks.Select(b => (b.Id, b.Name, b.Packs.Count)).Should().Equal(("north", "North bank", 2), ("south", "South bank", 4));
        result.Config.Banks[1].Packs.Should().OnlyContain(p => p.Cells == 8);
        result.Arrays.Should().ContainSingle().Which.BankIds.Should().Equal("north", "south");
        result.Config.IgnoredSections.Should().Equal(
            "home", "arrays", "inverters", "battery_bank_array_attachments", "meters", "smart", "billing", "logging");
        result.Config.Mqtt.Should().Be(new MqttConfig("192.168.1.10", 1883, BaseTopic: "solar/fleet"));
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void The_python_hub_files_fallback_dongle_keeps_its_line_settings_and_stays_disabled()
    {
        var dongle = LegacyConfigReader.ReadFile(SampleFiles.PathOf("full-python-hub.yaml")).Config.Banks[0].Adapters[1];

        dongle.Enabled.Should().BeFalse();
        dongle.Protocol.Should().Be(AdapterProtocol.JkActive);
        dongle.Transport.Should().Be(new SerialTransport("/dev/ttyUSB0", 9600, System.IO.Ports.Parity.Even, 7, System.IO.Ports.StopBits.Two));
        LegacyConfigReader.ReadFile(SampleFiles.PathOf("full-python-hub.yaml")).Config.Banks[0].Adapters[0].PollTimeout
            .Should().Be(TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public void The_deprecated_file_reads_with_one_warning_naming_the_file()
    {
        var path = SampleFiles.PathOf("deprecated-single-bank.yaml");
        var result = LegacyConfigReader.ReadFile(path).ShouldBeValid();

        result.Config.Banks.Should().ContainSingle().Which.Id.Should().Be("battery");
        result.Warnings.Should().ContainSingle().Which.Should().StartWith($"{path}:2:1: battery_bank: deprecated");
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_together_in_line_order()
    {
        var result = LegacyConfigReader.ReadFile(SampleFiles.PathOf("many-errors.yaml"));

        result.IsValid.Should().BeFalse();
        result.Errors.Select(e => (e.Line, e.Path)).Should().Equal(
            (5, "battery_banks[bank-1].adapters[adapter-1].port"),
            (7, "battery_banks[bank-1].adapters[adapter-2].type"),
            (12, "battery_banks[bank-1].adapters[adapter-3].baudrate"),
            (13, "battery_banks[bank-1].adapters[adapter-3].parity"),
            (15, "battery_banks[bank-1].adapters[adapter-3].colour"),
            (16, "battery_banks[bank-1].adapters[adapter-3].priority"),
            (17, "battery_banks[1].id"),
            (18, "battery_banks[1].adapters[adapter-1].serial_port"),
            (18, "battery_banks[1].adapters[adapter-1].battery_addresses[1]"),
            (18, "battery_banks[1].adapters[adapter-1].battery_addresses[2]"),
            (21, "battery_bank_arrays[everything].battery_bank_ids[1]"));
        result.Errors.Should().OnlyContain(e => e.Source == SampleFiles.PathOf("many-errors.yaml"));
    }

    [Fact]
    public void Malformed_yaml_is_one_error_with_its_line_not_an_exception()
    {
        var result = LegacyConfigReader.ReadFile(SampleFiles.PathOf("malformed.yaml"));

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Line.Should().Be(5, "the parser notices the unclosed { of line 4 where line 5 begins");
        error.Message.Should().StartWith("not valid YAML");
        result.Config.Should().Be(HubConfig.Empty);
    }

    [Fact]
    public void A_missing_file_is_an_error_result_naming_the_file()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "no-such-config.yaml");

        var result = LegacyConfigReader.ReadFile(path);

        result.IsValid.Should().BeFalse();
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Should().Be(new ConfigError(0, 0, "", "file not found", path));
        error.ToString().Should().Be($"{path}: file not found");
        result.Config.Banks.Should().BeEmpty();
    }

    [Fact]
    public void A_directory_instead_of_a_file_is_an_error_result()
    {
        var result = LegacyConfigReader.ReadFile(AppContext.BaseDirectory);

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("cannot read the file");
    }
}
