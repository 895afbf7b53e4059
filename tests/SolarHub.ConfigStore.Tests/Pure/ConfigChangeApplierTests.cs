using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Pure;

public class ConfigChangeApplierTests
{
    private static readonly HubConfig Start = TwoBanks();

    private static HubConfig Applied(HubConfig config, params IConfigChange[] changes)
    {
        var result = ConfigChangeApplier.Apply(config, changes);
        result.Errors.Should().BeEmpty();
        return result.Config;
    }

    private static void Fails(HubConfig config, IConfigChange change, string path, string message)
    {
        var result = ConfigChangeApplier.Apply(config, [change]);
        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Match<SolarHub.Configuration.Validation.ConfigError>(e => e.Path == path && e.Message == message);
        ConfigChangeApplier.TryApply(config, [change], out _, out var texts).Should().BeFalse();
        texts.Should().Equal($"{path}: {message}");
    }

    private static BankConfig BankOf(HubConfig config, string id) => config.Banks.Single(b => b.Id == id);
    private static AdapterConfig AdapterOf(HubConfig config, string bank, string id) => BankOf(config, bank).Adapters.Single(a => a.Id == id);

    [Fact]
    public void Bank_added_comes_last_with_its_packs_and_no_adapter()
    {
        var config = Applied(Start, new BankAdded("shed", "Shed", Packs(4, 5)));

        config.Banks.Select(b => b.Id).Should().Equal("bank-1", "bank-2", "shed");
        BankOf(config, "shed").Should().Match<BankConfig>(b => b.Name == "Shed" && b.Adapters.Count == 0);
        BankOf(config, "shed").Packs.Should().Equal(new PackConfig(4), new PackConfig(5));
        Start.Banks.Should().HaveCount(2, "the input is never changed");
    }

    [Fact]
    public void Bank_removed_leaves_the_arrays_that_listed_it()
    {
        var config = Applied(Start, new BankRemoved("bank-1"));

        config.Banks.Select(b => b.Id).Should().Equal("bank-2");
        config.BatteryArrays.Single().BankIds.Should().Equal("bank-2");
    }

    [Fact]
    public void Bank_renamed_and_packs_changed()
    {
        var config = Applied(Start, new BankRenamed("bank-2", "Garage"), new BankPacksChanged("bank-2", [new PackConfig(7, 8)]));

        BankOf(config, "bank-2").Name.Should().Be("Garage");
        BankOf(config, "bank-2").Packs.Should().Equal(new PackConfig(7, 8));
        BankOf(config, "bank-2").Adapters.Should().Equal(BankOf(Start, "bank-2").Adapters);
    }

    [Fact]
    public void Adapter_attached_detached_and_reranked()
    {
        var config = Applied(Start,
            new AdapterAttached("bank-1", Tcp("gw-b", 3, 9000)),
            new AdapterDetached("bank-1", "usb"),
            new AdapterPriorityChanged("bank-1", "gw-b", 2),
            new AdapterEnabledChanged("bank-1", "gw-a", false));

        BankOf(config, "bank-1").Adapters.Select(a => (a.Id, a.Priority, a.Enabled)).Should().Equal(("gw-a", 1, false), ("gw-b", 2, true));
    }

    [Fact]
    public void Adapter_settings_change_keeps_priority_and_enabled()
    {
        var changed = Tcp("gw-a", 9, 1234, "10.9.9.9", enabled: false) with { Protocol = AdapterProtocol.JkActive, PollTimeout = TimeSpan.FromSeconds(2) };

        var config = Applied(Start, new AdapterSettingsChanged("bank-1", changed));

        AdapterOf(config, "bank-1", "gw-a").Should().Be(changed with { Priority = 1, Enabled = true });
    }

    [Fact]
    public void Adapter_node_set_and_cleared_and_a_settings_change_keeps_it()
    {
        var config = Applied(Start, new AdapterNodeChanged("bank-1", "usb", "pi-garage"));
        AdapterOf(config, "bank-1", "usb").Should().Be(AdapterOf(Start, "bank-1", "usb") with { Node = "pi-garage" });

        var moved = Serial("usb", 2, "/dev/ttyUSB3");
        AdapterOf(Applied(config, new AdapterSettingsChanged("bank-1", moved)), "bank-1", "usb").Node.Should().Be("pi-garage");

        AdapterOf(Applied(config, new AdapterNodeChanged("bank-1", "usb", null)), "bank-1", "usb").Node.Should().BeNull();
    }

    [Fact]
    public void Array_defined_replaces_in_place_and_removed()
    {
        var config = Applied(Start,
            new ArrayDefined(new BatteryArrayConfig("first", "First", ["bank-1"])),
            new ArrayDefined(new BatteryArrayConfig("all", "Everything", ["bank-2", "bank-1"])));
        config.BatteryArrays.Select(a => (a.Id, a.Name)).Should().Equal(("all", "Everything"), ("first", "First"));
        config.BatteryArrays[0].BankIds.Should().Equal("bank-2", "bank-1");

        Applied(config, new ArrayRemoved("all")).BatteryArrays.Select(a => a.Id).Should().Equal("first");
    }

    [Fact]
    public void Changes_that_do_not_fit_name_what_is_missing_or_duplicated()
    {
        Fails(Start, new BankAdded("bank-1", "Again", Packs(1)), "banks[bank-1]", "a bank with this id already exists");
        Fails(Start, new BankRemoved("nope"), "banks[nope]", "no such bank");
        Fails(Start, new BankRenamed("nope", "x"), "banks[nope]", "no such bank");
        Fails(Start, new BankPacksChanged("nope", Packs(1)), "banks[nope]", "no such bank");
        Fails(Start, new AdapterAttached("bank-1", Tcp("gw-a", 5)), "banks[bank-1].adapters[gw-a]", "an adapter with this id already exists");
        Fails(Start, new AdapterAttached("nope", Tcp("gw-z", 5)), "banks[nope]", "no such bank");
        Fails(Start, new AdapterDetached("bank-1", "gw-z"), "banks[bank-1].adapters[gw-z]", "no such adapter");
        Fails(Start, new AdapterPriorityChanged("bank-2", "usb", 3), "banks[bank-2].adapters[usb]", "no such adapter");
        Fails(Start, new AdapterEnabledChanged("bank-2", "gw-a", false), "banks[bank-2].adapters[gw-a]", "no such adapter");
        Fails(Start, new AdapterSettingsChanged("bank-1", Tcp("gw-z", 1)), "banks[bank-1].adapters[gw-z]", "no such adapter");
        Fails(Start, new AdapterNodeChanged("bank-1", "gw-z", "pi"), "banks[bank-1].adapters[gw-z]", "no such adapter");
        Fails(Start, new AdapterPriorityChanged("nope", "gw-a", 3), "banks[nope]", "no such bank");
        Fails(Start, new ArrayRemoved("nope"), "arrays[nope]", "no such battery array");
    }

    [Fact]
    public void Every_error_of_a_change_set_is_reported_and_later_changes_see_earlier_ones()
    {
        var result = ConfigChangeApplier.Apply(Start,
        [
            new BankAdded("shed", "Shed", Packs(1)),
            new AdapterAttached("shed", Tcp("gw", 1)), // the bank added just before
            new BankRemoved("nope"),
            new AdapterDetached("bank-2", "nope"),
        ]);

        result.Errors.Select(e => e.Path).Should().Equal("banks[nope]", "banks[bank-2].adapters[nope]");
        BankOf(result.Config, "shed").Adapters.Select(a => a.Id).Should().Equal("gw");
    }
}
