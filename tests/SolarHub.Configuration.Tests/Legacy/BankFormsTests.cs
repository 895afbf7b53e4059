using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>The shapes a bank may take: one adapter, an adapter list, the deprecated single bank, and arrays of banks.</summary>
public class BankFormsTests
{
    [Fact]
    public void A_single_adapter_is_adapter_1_with_priority_1_enabled()
    {
        var bank = LegacyConfigReader.Read("""
            battery_banks:
              - id: shed
                name: Shed
                adapter:
                  type: jkbms_tcpip
                  serial_port: /dev/ttyUSB1
                  batteries: 2
            """).ShouldBeValid().Config.Banks.Single();

        var adapter = bank.Adapters.Should().ContainSingle().Subject;
        adapter.Id.Should().Be("adapter-1");
        adapter.Priority.Should().Be(1);
        adapter.Enabled.Should().BeTrue();
        bank.Packs.Select(p => p.Address).Should().Equal((byte)1, (byte)2);
    }

    [Fact]
    public void Adapter_ids_follow_the_position_in_the_list()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
                    priority: 3
                  - adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
                    priority: 1
                  - adapter: {type: jkbms_tcpip, host: gw3, port: 8899}
                    priority: 2
                    enabled: false
            """).ShouldBeValid().Config.Banks.Single().Adapters.Select(a => (a.Id, a.Priority, a.Enabled))
            .Should().Equal(("adapter-1", 3, true), ("adapter-2", 1, true), ("adapter-3", 2, false));
    }

    [Fact]
    public void Several_banks_keep_their_file_order()
    {
        LegacyConfigReader.Read("""
            battery_banks:
              - id: north
                adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
              - id: south
                adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
            """).ShouldBeValid().Config.Banks.Select(b => b.Id).Should().Equal("north", "south");
    }

    [Fact]
    public void The_deprecated_battery_bank_is_read_with_a_warning()
    {
        var result = LegacyConfigReader.Read("""
            battery_bank:
              id: old
              name: Old bank
              adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """).ShouldBeValid();

        var bank = result.Config.Banks.Should().ContainSingle().Subject;
        bank.Id.Should().Be("old");
        bank.Name.Should().Be("Old bank");
        result.Warnings.Should().ContainSingle().Which.Should().Be("config.yaml:1:1: battery_bank: deprecated: move this bank into a battery_banks: list");
    }

    [Fact]
    public void The_deprecated_battery_bank_without_id_gets_the_older_hubs_id_battery()
    {
        LegacyConfigReader.Read("""
            battery_bank:
              adapter: {type: jkbms_tcpip, host: gw, port: 8899}
            """).ShouldBeValid().Config.Banks.Single().Id.Should().Be("battery");
    }

    [Fact]
    public void The_deprecated_battery_bank_comes_after_or_before_battery_banks_in_file_order()
    {
        LegacyConfigReader.Read("""
            battery_bank:
              id: old
              adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
            battery_banks:
              - id: new
                adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
            """).ShouldBeValid().Config.Banks.Select(b => b.Id).Should().Equal("old", "new");
    }

    [Fact]
    public void Battery_bank_arrays_are_returned_as_battery_arrays()
    {
        var result = LegacyConfigReader.Read("""
            battery_banks:
              - id: north
                adapter: {type: jkbms_tcpip, host: gw1, port: 8899}
              - id: south
                adapter: {type: jkbms_tcpip, host: gw2, port: 8899}
            battery_bank_arrays:
              - id: all
                name: All banks
                battery_bank_ids: [north, south]
              - id: just-south
                battery_bank_ids:
                  - south
            """).ShouldBeValid();

        result.Arrays.Should().BeEquivalentTo(
            [new BatteryArrayConfig("all", "All banks", ["north", "south"]), new BatteryArrayConfig("just-south", "just-south", ["south"])],
            o => o.WithStrictOrdering());
        result.Config.IgnoredSections.Should().BeEmpty();
    }
}
