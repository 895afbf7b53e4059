using System.Text.Json;
using SolarHub.Configuration.Validation;

namespace SolarHub.Configuration.Tests.Validation;

/// <summary>A converter in "Modbus TCP to RTU" mode as the model holds it: shown, checked and stored like the other transports.</summary>
public class ModbusTcpTransportTests
{
    private static HubConfig Hub(params AdapterConfig[] adapters) => new([new BankConfig("house", "house", [new PackConfig(1)], adapters)], []);

    [Fact]
    public void It_is_shown_as_a_tcp_plus_modbus_uri()
    {
        new ModbusTcpTransport("gw.local", 502).Describe().Should().Be("tcp+modbus://gw.local:502");
        new AdapterConfig("mb", AdapterProtocol.JkActive, new ModbusTcpTransport("gw.local", 502), 2).Describe()
            .Should().Be("mb (jk-active tcp+modbus://gw.local:502, priority 2)");
    }

    [Fact]
    public void A_passive_adapter_on_it_is_refused_naming_the_adapter_and_why()
    {
        var error = HubConfigValidator.Validate(Hub(new AdapterConfig("mb", AdapterProtocol.JkPassive, new ModbusTcpTransport("gw", 502))))
            .Should().ContainSingle().Subject;

        error.Path.Should().Be("banks[house].adapters[mb].transport");
        error.Message.Should().StartWith("adapter 'mb' listens (jk-passive) to tcp+modbus://gw:502, a Modbus TCP gateway, which forwards only answers to the hub's own polls: it would only ever be silent.");
    }

    [Fact]
    public void An_active_adapter_on_it_is_accepted_and_host_and_port_are_checked_as_for_tcp()
    {
        HubConfigValidator.Validate(Hub(new AdapterConfig("mb", AdapterProtocol.JkActive, new ModbusTcpTransport("gw", 502)))).Should().BeEmpty();

        HubConfigValidator.Validate(Hub(new AdapterConfig("mb", AdapterProtocol.JkActive, new ModbusTcpTransport(" ", 70000))))
            .Select(e => e.ToString()).Should().Equal(
                "banks[house].adapters[mb].transport.host: the host is empty",
                "banks[house].adapters[mb].transport.port: 70000 is not a TCP port (1-65535)");
    }

    [Fact]
    public void It_is_stored_as_its_own_kind_and_read_back()
    {
        var options = ConfigJson.CreateOptions();
        var adapter = new AdapterConfig("mb", AdapterProtocol.JkActive, new ModbusTcpTransport("gw", 502), 2);

        var json = JsonSerializer.Serialize(adapter, options);
        var back = JsonSerializer.Deserialize<AdapterConfig>(json, options);

        json.Should().Contain("\"$kind\":\"modbus-tcp\"");
        back.Should().Be(adapter);
    }
}
