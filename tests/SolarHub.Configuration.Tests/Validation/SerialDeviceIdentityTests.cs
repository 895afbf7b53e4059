using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Validation;

/// <summary>Two adapters on one serial device, however it is spelt, split its bytes: refused, in any banks.</summary>
public class SerialDeviceIdentityTests
{
    private static readonly SerialDeviceIdentity NoLinks = new(_ => null);

    private static AdapterConfig Serial(string id, string path, int priority = 1) =>
        new(id, AdapterProtocol.JkActive, new SerialTransport(path), priority);

    private static AdapterConfig Tcp(string id, string host, int port) => new(id, AdapterProtocol.JkPassive, new TcpTransport(host, port));

    private static BankConfig Bank(string id, params AdapterConfig[] adapters) => new(id, id, [new PackConfig(1)], adapters);

    private static IReadOnlyList<ConfigIssue> Issues(SerialDeviceIdentity devices, params BankConfig[] banks) =>
        HubConfigValidator.FindIssues(new HubConfig(banks, []), devices);

    [Theory]
    [InlineData("/dev/../dev/ttyUSB0")]
    [InlineData("/dev//ttyUSB0")]
    [InlineData("/dev/./ttyUSB0")]
    public void Another_spelling_of_a_used_device_is_refused_naming_both(string spelling)
    {
        var issue = Issues(NoLinks, Bank("north", Serial("usb", "/dev/ttyUSB0")), Bank("south", Serial("usb", spelling))).Should().ContainSingle().Subject;

        issue.Subject.Should().Be(new ConfigSubject(1, ConfigField.SerialPath, 0));
        issue.Message.Should().Be($"{spelling} is the device /dev/ttyUSB0, already used as /dev/ttyUSB0 by adapter 'usb' of bank 'north'; " +
            "a serial port can be opened by one adapter only");
    }

    [Fact]
    public void A_link_to_a_used_device_is_refused_and_the_stored_value_is_what_the_user_wrote()
    {
        const string byId = "/dev/serial/by-id/usb-FTDI_FT232R-if00-port0";
        var links = new SerialDeviceIdentity(path => path == byId ? "/dev/ttyUSB0" : null);
        var config = new HubConfig([Bank("north", Serial("usb", byId)), Bank("south", Serial("usb", "/dev/ttyUSB0"))], []);

        var issue = HubConfigValidator.FindIssues(config, links).Should().ContainSingle().Subject;

        issue.Subject.Should().Be(new ConfigSubject(1, ConfigField.SerialPath, 0));
        issue.Message.Should().Contain($"already used as {byId} by adapter 'usb' of bank 'north'");
        ((SerialTransport)config.Banks[0].Adapters[0].Transport).Path.Should().Be(byId);
    }

    [Fact]
    public void Two_links_to_one_device_in_one_bank_are_refused()
    {
        var links = new SerialDeviceIdentity(path => path.StartsWith("/dev/serial/", StringComparison.Ordinal) ? "/dev/ttyUSB3" : null);

        var issue = Issues(links, Bank("b", Serial("a", "/dev/serial/by-id/x"), Serial("c", "/dev/serial/by-path/y", 2))).Should().ContainSingle().Subject;

        issue.Subject.Should().Be(new ConfigSubject(0, ConfigField.SerialPath, 1));
    }

    [Fact]
    public void Different_devices_are_accepted()
    {
        Issues(NoLinks, Bank("north", Serial("usb", "/dev/ttyUSB0")), Bank("south", Serial("usb", "/dev/ttyUSB1"))).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/dev/ttyUSB1 ")]
    [InlineData(" /dev/ttyUSB1")]
    [InlineData("/dev/ttyUSB1\t")]
    public void A_device_path_with_a_space_at_either_end_is_refused_naming_the_field(string path)
    {
        var error = HubConfigValidator.Validate(new HubConfig([Bank("b", Serial("usb", path))], [])).Should().ContainSingle().Subject;

        error.Path.Should().Be("banks[b].adapters[usb].transport.path");
        error.Message.Should().EndWith("starts or ends with a space: write the device path without it");
        PrintableText.HasUnsafe(error.ToString()).Should().BeFalse();
    }

    [Fact]
    public void One_gateway_endpoint_in_two_banks_is_not_an_error()
    {
        // Decided: a gateway may serve several clients (two passive listeners are harmless), so this is left to the user.
        Issues(NoLinks, Bank("north", Tcp("gw", "10.0.0.5", 8899)), Bank("south", Tcp("gw", "10.0.0.5", 8899))).Should().BeEmpty();
    }

    [Fact]
    public void A_real_symbolic_link_is_the_file_it_points_to()
    {
        if (OperatingSystem.IsWindows()) return; // symbolic links need privileges there
        var folder = Directory.CreateTempSubdirectory("solarhub-devices-").FullName;
        try
        {
            var device = Path.Combine(folder, "ttyFAKE0");
            File.WriteAllText(device, "");
            var link = Path.Combine(folder, "by-id", "usb-link");
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, "../ttyFAKE0");
            var chained = Path.Combine(folder, "chained");
            File.CreateSymbolicLink(chained, link);

            SerialDeviceIdentity.OnThisMachine.Of(link).Should().Be(device);
            SerialDeviceIdentity.OnThisMachine.Of(chained).Should().Be(device);
            SerialDeviceIdentity.OnThisMachine.Of(Path.Combine(folder, "missing")).Should().Be(Path.Combine(folder, "missing"));
            var issues = HubConfigValidator.FindIssues(new HubConfig([Bank("north", Serial("usb", device)), Bank("south", Serial("usb", chained))], []));
            issues.Should().ContainSingle().Which.Subject.Should().Be(new ConfigSubject(1, ConfigField.SerialPath, 0));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
