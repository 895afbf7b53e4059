using SolarHub.Configuration;
using SolarHub.Mqtt.Bridge;
using SolarHub.Mqtt.HomeAssistant;

namespace SolarHub.Mqtt.Tests.Bridge;

public class BridgedBanksTests
{
    private static BankConfig Bank(string id, string name, params byte[] packs) => new(id, name, packs.Select(a => new PackConfig(a, Cells: 8)).ToList(), []);

    private readonly BridgedBanks _banks = new();

    [Fact]
    public void Without_a_bank_configuration_every_bank_that_reports_is_published_under_its_id()
    {
        var bank = _banks.For("garage");

        bank.Should().NotBeNull();
        bank!.Name.Should().Be("garage");
        _banks.For("garage").Should().BeSameAs(bank);
        _banks.All.Should().ContainSingle();
    }

    [Fact]
    public void With_a_configuration_the_configured_banks_and_packs_exist_before_data_and_no_other_bank_comes_in()
    {
        _banks.Reconcile([Bank("house", "House", 1, 2)]);

        _banks.For("garage").Should().BeNull("a bank being removed may still report once");
        var house = _banks.For("house")!;
        house.Name.Should().Be("House");
        house.Packs.Keys.Should().Equal(1, 2);
        house.Packs[1].Shape.Should().Be(new PackShape(8, 0, false), "the configured cells until data shows the real shape");
    }

    [Fact]
    public void A_new_configuration_returns_the_banks_and_packs_it_removed_and_keeps_the_rest()
    {
        _banks.Reconcile([Bank("house", "House", 1, 2), Bank("shed", "Shed", 1)]);
        var shed = _banks.For("shed")!;
        var pack2 = _banks.For("house")!.Packs[2];

        var removed = _banks.Reconcile([Bank("house", "House", 1, 3)]);

        removed.Banks.Should().Equal(shed);
        removed.Packs.Should().Equal(("house", pack2));
        _banks.All.Select(b => b.Id).Should().Equal("house");
        _banks.For("house")!.Packs.Keys.Should().Equal(1, 3);
        _banks.For("shed").Should().BeNull();
    }

    [Fact]
    public void Renaming_a_bank_discovers_it_and_its_packs_again_since_the_devices_carry_its_name()
    {
        _banks.Reconcile([Bank("house", "House", 1)]);
        var house = _banks.For("house")!;
        house.Discovered = true;
        house.Packs[1].DiscoveredShape = house.Packs[1].Shape;

        _banks.Reconcile([Bank("house", "House", 1)]);
        house.Discovered.Should().BeTrue("nothing changed");

        _banks.Reconcile([Bank("house", "Main house", 1)]);
        house.Name.Should().Be("Main house");
        house.Discovered.Should().BeFalse();
        house.Packs[1].DiscoveredShape.Should().BeNull();
    }

    [Fact]
    public void Another_broker_forgets_topics_and_discovery_and_a_reconnect_says_everything_again()
    {
        _banks.Reconcile([Bank("house", "House", 1)]);
        var house = _banks.For("house")!;
        house.Discovered = true;
        house.Totals.Topics = new EntityTopics("a", "b");
        house.Totals.DiscoveryTopics.Add("cfg");
        house.Packs[1].State.Topics = new EntityTopics("c", "d");
        house.Packs[1].State.SaidAvailable = false;

        _banks.ForgetWhatWasSaid();
        (house.Discovered, house.Packs[1].State.SaidAvailable, house.Totals.Topics).Should().Be((false, (bool?)null, new EntityTopics("a", "b")), "the topics stay on the same broker");

        _banks.ForgetBroker();
        house.Totals.Topics.Should().BeNull();
        house.Packs[1].State.Topics.Should().BeNull();
        house.Totals.DiscoveryTopics.Should().BeEmpty();
    }
}
