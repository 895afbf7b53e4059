using System.Text;
using SolarHub.Configuration;
using SolarHub.Mqtt.Bridge;
using SolarHub.Mqtt.Connection;
using SolarHub.Mqtt.HomeAssistant;
using static SolarHub.Mqtt.Tests.Bridge.Samples;

namespace SolarHub.Mqtt.Tests.Bridge;

public class BrokerOutputTests
{
    private static readonly MqttConfig Mqtt = new("broker", ClientId: "hub");
    private static readonly MqttTimings Timings = MqttTimings.Default;

    private readonly BridgedBanks _banks = new();
    private readonly List<MqttMessage> _sent = [];

    public BrokerOutputTests() => _banks.Reconcile([new BankConfig("house", "House", [new PackConfig(1, Cells: 8)], [])]);

    private List<MqttMessage> Flush(BrokerOutput output, DateTimeOffset now, DateTimeOffset? connectedAt = null)
    {
        _sent.Clear();
        output.Flush(_banks.All, now, connectedAt ?? T0, _sent.Add);
        return _sent.ToList();
    }

    private static int DiscoveryCount(IEnumerable<MqttMessage> sent) => sent.Count(m => m.Topic.StartsWith("homeassistant/"));

    [Theory]
    [InlineData("other-user", "other-password", "other-client")]
    [InlineData(null, null, null)]
    public void Changing_only_credentials_or_client_id_keeps_the_entities(string? user, string? password, string? clientId)
    {
        BrokerOutput.LeavesEntitiesBehind(Mqtt, Mqtt with { Username = user, Password = password, ClientId = clientId }).Should().BeFalse();
    }

    [Fact]
    public void Another_broker_base_topic_or_discovery_prefix_or_none_at_all_leaves_the_entities_behind()
    {
        BrokerOutput.LeavesEntitiesBehind(Mqtt, Mqtt with { Host = "other" }).Should().BeTrue();
        BrokerOutput.LeavesEntitiesBehind(Mqtt, Mqtt with { BaseTopic = "hub2" }).Should().BeTrue();
        BrokerOutput.LeavesEntitiesBehind(Mqtt, Mqtt with { DiscoveryPrefix = "ha" }).Should().BeTrue();
        BrokerOutput.LeavesEntitiesBehind(Mqtt, Mqtt with { HaDiscovery = false }).Should().BeTrue();
        BrokerOutput.LeavesEntitiesBehind(Mqtt, null).Should().BeTrue();
        BrokerOutput.LeavesEntitiesBehind(Mqtt with { HaDiscovery = false }, null).Should().BeFalse("nothing was discovered");
    }

    [Fact]
    public void The_bank_is_discovered_once_and_a_pack_without_data_only_once_it_had_time_to_report()
    {
        var output = new BrokerOutput(Mqtt, Timings);

        var first = Flush(output, T0);
        DiscoveryCount(first).Should().Be(HaDiscovery(Mqtt).Bank("house", "House").Count(), "only the bank: the pack may still report its real shape");
        first.Should().Contain(m => m.Topic == "solarhub/house/availability" && Encoding.UTF8.GetString(m.Payload) == "offline");

        DiscoveryCount(Flush(output, T0 + Timings.StaleAfter - TimeSpan.FromTicks(1))).Should().Be(0);
        DiscoveryCount(Flush(output, T0 + Timings.StaleAfter)).Should().Be(HaDiscovery(Mqtt).Pack("house", "House", 1, new PackShape(8, 0, false)).Count());
        DiscoveryCount(Flush(output, T0 + Timings.StaleAfter * 2)).Should().Be(0, "discovered already");
    }

    [Fact]
    public void A_pack_is_discovered_with_the_shape_its_data_shows_and_again_when_the_shape_changes_clearing_what_it_lost()
    {
        var output = new BrokerOutput(Mqtt, Timings);
        var pack = _banks.For("house")!.Pack(1);
        pack.State.Update(Pack("house", 1, cells: 8, temperatures: 2), T0);
        Flush(output, T0);
        var discovered = pack.State.DiscoveryTopics.ToHashSet();
        discovered.Should().HaveCount(HaDiscovery(Mqtt).Pack("house", "House", 1, new PackShape(8, 2, true)).Count());

        pack.State.Update(Pack("house", 1, cells: 8, temperatures: 1), T0 + TimeSpan.FromSeconds(1));
        var sent = Flush(output, T0 + TimeSpan.FromSeconds(1));

        var cleared = sent.Where(m => m.Payload.Length == 0 && m.Retain).Select(m => m.Topic).ToList();
        cleared.Should().ContainSingle("one temperature sensor less").Which.Should().BeOneOf(discovered);
        pack.State.DiscoveryTopics.Should().NotContain(cleared);
    }

    [Fact]
    public void Without_home_assistant_discovery_only_state_and_availability_are_sent()
    {
        var output = new BrokerOutput(Mqtt with { HaDiscovery = false }, Timings);
        _banks.For("house")!.Pack(1).State.Update(Pack("house", 1, cells: 8), T0);
        _banks.For("house")!.Totals.Update(Bank("house"), T0);

        Flush(output, T0 + Timings.StaleAfter).Select(m => m.Topic).Should().BeEquivalentTo(
            "solarhub/house/state", "solarhub/house/availability", "solarhub/house/pack1/state", "solarhub/house/pack1/availability");
    }

    [Fact]
    public void Removing_a_bank_names_every_retained_topic_of_it_and_its_packs_and_forgets_them()
    {
        var output = new BrokerOutput(Mqtt, Timings);
        var bank = _banks.For("house")!;
        Flush(output, T0 + Timings.StaleAfter);
        var discovery = bank.Totals.DiscoveryTopics.Concat(bank.Packs[1].State.DiscoveryTopics).ToList();

        var removal = output.Removal(bank);

        // The availability and the energy counters are retained too.
        string[] retained = ["solarhub/house/availability", "solarhub/house/pack1/availability", "solarhub/house/energy", "solarhub/house/pack1/energy"];
        removal.Should().BeEquivalentTo(discovery.Concat(retained));
        bank.Totals.DiscoveryTopics.Should().BeEmpty();
        bank.Packs[1].State.DiscoveryTopics.Should().BeEmpty();
        output.Removal(bank).Should().BeEquivalentTo(retained);
    }

    private static HaDiscovery HaDiscovery(MqttConfig mqtt) => new(mqtt);
}
