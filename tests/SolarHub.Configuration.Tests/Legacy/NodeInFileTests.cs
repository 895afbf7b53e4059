using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary><c>node:</c>, SolarHub's own adapter key: the cluster node the adapter's port is attached to.</summary>
public class NodeInFileTests
{
    [Fact]
    public void An_adapter_may_name_its_node_and_one_without_has_none()
    {
        var banks = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapters:
                  - adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0, node: pi-garage}
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899}
                    priority: 2
            """).ShouldBeValid().Config.Banks;

        banks.Single().Adapters.Select(a => a.Node).Should().Equal("pi-garage", null);
    }

    [Fact]
    public void A_bad_node_name_is_an_error_at_the_node_key()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
                  - adapter: {type: jkbms_tcpip, host: gw2, port: 8899, node: "pi garage"}
                    priority: 2
            """).SingleErrorAt("battery_banks[house].adapters[adapter-2].node");

        (error.Line, error.Column).Should().Be((5, 67));
        error.Message.Should().StartWith("'pi garage' is not a node id: a space is not allowed");
    }

    [Fact]
    public void Node_beside_adapter_in_an_entry_is_refused_with_where_it_goes()
    {
        var error = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
                    node: pi-garage
            """).SingleErrorAt("battery_banks[house].adapters[adapter-1].node");

        error.Message.Should().EndWith("; adapter settings such as node go under adapter:");
    }

    [Fact]
    public void Export_writes_the_node_back_so_reading_the_export_gives_the_same_adapters()
    {
        var config = LegacyConfigReader.Read("""
            battery_banks:
              - id: house
                adapters:
                  - adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0, node: pi-garage}
                  - adapter: {type: jkbms_tcpip, host: gw, port: 8899, node: "1.5"}
                    priority: 2
                  - adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
                    priority: 3
            """).ShouldBeValid().Config;

        var written = LegacyYamlWriter.Write(config);
        var again = LegacyConfigReader.Read(written.Yaml).ShouldBeValid().Config;

        written.Warnings.Should().BeEmpty();
        written.Yaml.Should().Contain("node: pi-garage").And.Contain("node: \"1.5\"", "a name that reads as a number is quoted");
        again.Banks.Single().Adapters.Should().Equal(config.Banks.Single().Adapters);
    }
}
