using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;

namespace SolarHub.ConfigStore.Tests.Pure;

/// <summary>A change that alters nothing is left out of what is stored: repeated enable/disable/priority calls store no new version.</summary>
public class EffectiveChangesTests
{
    private static readonly HubConfig Config = new([Configs.Bank("house", Configs.Tcp("gw", 1), Configs.Tcp("spare", 2, 8900, enabled: false))], []);

    [Fact]
    public void Enabling_an_enabled_adapter_or_keeping_a_priority_changes_nothing()
    {
        EffectiveChanges.Of(Config, [new AdapterEnabledChanged("house", "gw", true), new AdapterPriorityChanged("house", "gw", 1),
            new AdapterEnabledChanged("house", "spare", false)]).Should().BeEmpty();
    }

    [Fact]
    public void Real_changes_are_kept_in_order_and_a_change_undone_later_in_the_set_still_counts_where_it_stood()
    {
        IConfigChange enable = new AdapterEnabledChanged("house", "spare", true);
        IConfigChange again = new AdapterEnabledChanged("house", "spare", true);
        IConfigChange rename = new BankRenamed("house", "The house");

        EffectiveChanges.Of(Config, [enable, again, rename]).Should().Equal(enable, rename);
    }
}
