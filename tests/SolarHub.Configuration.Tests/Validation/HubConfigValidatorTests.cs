using System.IO.Ports;
using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Validation;

/// <summary>The model checks, independent of any file: every problem found, named by model path, line 0.</summary>
public class HubConfigValidatorTests
{
    private static AdapterConfig Tcp(string id, string host = "gw", int port = 8899, int priority = 1, bool enabled = true) =>
        new(id, AdapterProtocol.JkPassive, new TcpTransport(host, port), priority, enabled);

    private static AdapterConfig Serial(string id, string path, int priority = 1, int baud = 115200, int dataBits = 8) =>
        new(id, AdapterProtocol.JkActive, new SerialTransport(path, baud, Parity.None, dataBits, StopBits.One), priority);

    private static BankConfig Bank(string id, params AdapterConfig[] adapters) => new(id, id, [new PackConfig(1), new PackConfig(2)], adapters);

    private static HubConfig Hub(params BankConfig[] banks) => new(banks, []);

    private static ConfigError SingleError(HubConfig config) => HubConfigValidator.Validate(config).Should().ContainSingle().Subject;

    [Fact]
    public void A_sound_configuration_has_no_error()
    {
        HubConfigValidator.Validate(Hub(
            Bank("north", Tcp("gw"), Serial("usb", "/dev/ttyUSB0", priority: 2)),
            Bank("south", Serial("usb", "/dev/ttyUSB1")))).Should().BeEmpty();
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(int.MinValue)]
    [InlineData(1001)]
    public void A_priority_outside_1_to_1000_is_an_error_naming_the_range(int priority)
    {
        var issue = HubConfigValidator.FindIssues(Hub(Bank("b", Tcp("gw"), Tcp("low", host: "gw2", priority: priority)))).Should().ContainSingle().Subject;

        issue.Subject.Should().Be(new ConfigSubject(0, ConfigField.Priority, 1));
        issue.Message.Should().Be($"priority {priority} is out of range: 1 (preferred) to 1000");
    }

    [Fact]
    public void Priorities_1_and_1000_are_the_ends_of_the_range()
    {
        HubConfigValidator.Validate(Hub(Bank("b", Tcp("gw", priority: 1), Tcp("last", host: "gw2", priority: 1000)))).Should().BeEmpty();
    }

    [Fact]
    public void Duplicate_bank_ids_are_an_error_on_the_second()
    {
        var issue = HubConfigValidator.FindIssues(Hub(Bank("b", Tcp("a1")), Bank("b", Tcp("a1", host: "gw2")))).Should().ContainSingle().Subject;

        issue.Subject.Should().Be(new ConfigSubject(1, ConfigField.BankId));
        issue.Message.Should().Be("bank id 'b' is used by another bank");
    }

    [Fact]
    public void Duplicate_adapter_ids_within_a_bank_are_an_error()
    {
        SingleError(Hub(Bank("b", Tcp("gw", host: "h1"), Tcp("gw", host: "h2", priority: 2))))
            .Should().Be(new ConfigError(0, 0, "banks[b].adapters[gw].id", "adapter id 'gw' is used twice in bank 'b'"));
    }

    [Fact]
    public void The_same_adapter_id_in_two_banks_is_fine()
    {
        HubConfigValidator.Validate(Hub(Bank("n", Tcp("gw", host: "h1")), Bank("s", Tcp("gw", host: "h2")))).Should().BeEmpty();
    }

    [Fact]
    public void Duplicate_priorities_among_enabled_adapters_are_an_error()
    {
        SingleError(Hub(Bank("b", Tcp("a", host: "h1", priority: 1), Tcp("c", host: "h2", priority: 1)))).Path
            .Should().Be("banks[b].adapters[c].priority");
    }

    [Fact]
    public void A_disabled_adapter_does_not_count_for_duplicate_priorities()
    {
        HubConfigValidator.Validate(Hub(Bank("b", Tcp("a", priority: 1), Tcp("c", priority: 1, enabled: false)))).Should().BeEmpty();
    }

    [Fact]
    public void A_serial_path_used_by_adapters_of_two_banks_is_an_error()
    {
        var error = SingleError(Hub(Bank("n", Serial("usb", "/dev/ttyUSB0")), Bank("s", Serial("usb", "/dev/ttyUSB0"))));

        error.Path.Should().Be("banks[s].adapters[usb].transport.path");
        error.Message.Should().Be("/dev/ttyUSB0 is already used by adapter 'usb' of bank 'n'; a serial port can be opened by one adapter only");
    }

    [Fact]
    public void A_bank_without_enabled_adapter_is_an_error()
    {
        SingleError(Hub(Bank("b", Tcp("a", enabled: false)))).Path.Should().Be("banks[b].adapters");
    }

    [Fact]
    public void A_bank_without_any_adapter_is_an_error()
    {
        SingleError(Hub(Bank("b"))).Message.Should().StartWith("no enabled adapter");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(70000)]
    public void A_port_outside_1_to_65535_is_an_error(int port)
    {
        SingleError(Hub(Bank("b", Tcp("a", port: port))))
            .Should().Be(new ConfigError(0, 0, "banks[b].adapters[a].transport.port", $"{port} is not a TCP port (1-65535)"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void Ports_1_and_65535_are_fine(int port)
    {
        HubConfigValidator.Validate(Hub(Bank("b", Tcp("a", port: port)))).Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_host_is_an_error(string host)
    {
        SingleError(Hub(Bank("b", Tcp("a", host: host)))).Path.Should().Be("banks[b].adapters[a].transport.host");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-9600)]
    public void A_baud_rate_that_is_not_positive_is_an_error(int baud)
    {
        SingleError(Hub(Bank("b", Serial("a", "/dev/ttyS0", baud: baud)))).Message.Should().Be($"{baud} is not a baud rate (must be positive)");
    }

    [Fact]
    public void Data_bits_outside_5_to_8_are_an_error()
    {
        SingleError(Hub(Bank("b", Serial("a", "/dev/ttyS0", dataBits: 9)))).Path.Should().Be("banks[b].adapters[a].transport.dataBits");
    }

    [Fact]
    public void Stop_bits_none_is_an_error()
    {
        var adapter = new AdapterConfig("a", AdapterProtocol.JkActive, new SerialTransport("/dev/ttyS0", StopBits: StopBits.None));
        SingleError(Hub(Bank("b", adapter))).Path.Should().Be("banks[b].adapters[a].transport.stopBits");
    }

    [Fact]
    public void A_pack_address_above_15_is_an_error()
    {
        var bank = new BankConfig("b", "b", [new PackConfig(15), new PackConfig(16)], [Tcp("a")]);

        SingleError(Hub(bank)).Should().Be(new ConfigError(0, 0, "banks[b].packs[1].address", "16 is not a pack address (0-15)"));
    }

    [Fact]
    public void A_duplicated_pack_address_is_an_error_on_the_second_pack()
    {
        var bank = new BankConfig("b", "b", [new PackConfig(3), new PackConfig(4), new PackConfig(3)], [Tcp("a")]);

        SingleError(Hub(bank)).Should().Be(new ConfigError(0, 0, "banks[b].packs[2].address", "pack address 3 is listed twice"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void A_cell_count_outside_1_to_32_is_an_error(int cells)
    {
        var bank = new BankConfig("b", "b", [new PackConfig(1, cells)], [Tcp("a")]);

        SingleError(Hub(bank)).Should().Be(new ConfigError(0, 0, "banks[b].packs[0].cells", $"{cells} is not a cell count (1-32)"));
    }

    [Fact]
    public void A_bank_without_packs_is_an_error()
    {
        SingleError(Hub(new BankConfig("b", "b", [], [Tcp("a")]))).Path.Should().Be("banks[b].packs");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    public void A_poll_timeout_of_zero_or_less_is_an_error(int milliseconds)
    {
        var adapter = Tcp("a") with { PollTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        SingleError(Hub(Bank("b", adapter))).Path.Should().Be("banks[b].adapters[a].pollTimeout");
    }

    [Fact]
    public void A_negative_poll_gap_is_an_error()
    {
        SingleError(Hub(Bank("b", Tcp("a") with { PollGap = TimeSpan.FromMilliseconds(-1) }))).Path.Should().Be("banks[b].adapters[a].pollGap");
    }

    [Theory]
    [InlineData("pi garage", "'pi garage' is not a node id: a space is not allowed (1-64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit)")]
    [InlineData("-pi", "'-pi' is not a node id: it starts with '-' (1-64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit)")]
    [InlineData("", "the node id is empty")]
    public void A_node_name_that_is_not_an_id_is_an_error_naming_the_node_field(string node, string message)
    {
        var error = SingleError(Hub(Bank("b", Tcp("a") with { Node = node })));

        (error.Path, error.Message).Should().Be(("banks[b].adapters[a].node", message));
    }

    [Fact]
    public void A_serial_adapter_without_a_node_is_fine_the_cluster_checks_that_when_it_runs()
    {
        HubConfigValidator.Validate(Hub(Bank("b", Serial("usb", "/dev/ttyUSB0"), Tcp("gw", priority: 2) with { Node = "pi-garage.2_b" }))).Should().BeEmpty();
    }

    [Fact]
    public void An_entity_without_id_is_named_by_its_index()
    {
        var errors = HubConfigValidator.Validate(Hub(Bank("n", Tcp("a")), Bank("", Tcp("", port: 0))));

        errors.Select(e => e.Path).Should().BeEquivalentTo("banks[1].id", "banks[1].adapters[0].id", "banks[1].adapters[0].transport.port");
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var errors = HubConfigValidator.Validate(Hub(
            Bank("b", Tcp("a", port: 0), Serial("c", "/dev/ttyUSB0", baud: 0, priority: 2)),
            Bank("b", Serial("d", "/dev/ttyUSB0"))));

        errors.Select(e => e.Path).Should().BeEquivalentTo(
            "banks[b].id",
            "banks[b].adapters[d].transport.path",
            "banks[b].adapters[a].transport.port",
            "banks[b].adapters[c].transport.baudRate");
        errors.Should().OnlyContain(e => e.Line == 0 && e.Column == 0 && e.Source == null);
    }
}
