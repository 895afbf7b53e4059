using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Pure;

public class ConfigPlannerTests
{
    /// <summary>Banks, adapters and arrays by id (their order is not part of the state), packs and array members in order.</summary>
    private static string State(HubConfig config) =>
        string.Join("\n", config.Banks.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b =>
                $"{b.Id}|{b.Name}|{string.Join(",", b.Packs)}|{string.Join(",", b.Adapters.OrderBy(a => a.Id, StringComparer.Ordinal))}")
            .Concat(config.BatteryArrays.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => $"array {a.Id}|{a.Name}|{string.Join(",", a.BankIds)}")));

    private static HubConfig PlanAndApply(HubConfig current, HubConfig target)
    {
        var plan = ConfigPlanner.Plan(current, target);
        var applied = ConfigChangeApplier.Apply(current, plan);
        applied.Errors.Should().BeEmpty("a plan always fits the configuration it was made against");
        return applied.Config;
    }

    [Fact]
    public void Planning_a_configuration_against_itself_gives_nothing()
    {
        ConfigPlanner.Plan(HubConfig.Empty, HubConfig.Empty).Should().BeEmpty();
        ConfigPlanner.Plan(TwoBanks(), TwoBanks()).Should().BeEmpty("equal content in other list instances is no change");
        var random = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            var config = RandomConfig(random);
            ConfigPlanner.Plan(config, config).Should().BeEmpty();
        }
    }

    [Fact]
    public void From_nothing_every_bank_adapter_and_array_is_added_in_order()
    {
        var plan = ConfigPlanner.Plan(HubConfig.Empty, TwoBanks());

        plan.Select(c => c.Describe()).Should().Equal(
            "bank bank-1 added (Bank bank-1, packs 1,2,3)",
            "adapter bank-1/gw-a (jk-passive tcp://127.0.0.1:8899, priority 1) attached",
            "adapter bank-1/usb (jk-active serial:///dev/ttyUSB0@115200, priority 2) attached",
            "bank bank-2 added (Bank bank-2, packs 1,2,3)",
            "adapter bank-2/gw-c (jk-passive tcp://10.0.0.2:8900, priority 1) attached",
            "adapter bank-2/gw-d (jk-passive tcp://10.0.0.3:8901, priority 2) attached",
            "battery array all (All banks) = banks bank-1,bank-2");
    }

    [Fact]
    public void Each_kind_of_difference_becomes_its_own_change()
    {
        var current = TwoBanks();
        var bank1 = current.Banks[0];
        var target = current with
        {
            Banks =
            [
                bank1 with
                {
                    Name = "House",
                    Packs = Packs(1, 2),
                    Adapters =
                    [
                        bank1.Adapters[0] with { Priority = 2, Transport = new TcpTransport("127.0.0.1", 9999) },
                        bank1.Adapters[1] with { Priority = 1, Enabled = false },
                        Tcp("gw-new", 3, 7000),
                    ],
                },
                Bank("bank-3", Tcp("x", 1)),
            ],
            Arrays = [new BatteryArrayConfig("house", "House", ["bank-1"])],
        };

        var plan = ConfigPlanner.Plan(current, target);

        plan.Select(c => c.GetType().Name).Should().Equal(
            nameof(BankRemoved), nameof(BankRenamed), nameof(BankPacksChanged),
            nameof(AdapterSettingsChanged), nameof(AdapterPriorityChanged), nameof(AdapterPriorityChanged), nameof(AdapterEnabledChanged),
            nameof(AdapterAttached), nameof(BankAdded), nameof(AdapterAttached), nameof(ArrayRemoved), nameof(ArrayDefined));
        State(PlanAndApply(current, target)).Should().Be(State(target));

        var detach = ConfigPlanner.Plan(target, target with { Banks = [target.Banks[0] with { Adapters = target.Banks[0].Adapters.Take(2).ToList() }, target.Banks[1]] });
        detach.Should().Equal(new AdapterDetached("bank-1", "gw-new"));
    }

    [Fact]
    public void A_node_set_or_cleared_is_its_own_change()
    {
        var current = TwoBanks();
        var bank1 = current.Banks[0];
        var withNode = current with { Banks = [bank1 with { Adapters = [bank1.Adapters[0], bank1.Adapters[1] with { Node = "pi-garage" }] }, current.Banks[1]] };

        ConfigPlanner.Plan(current, withNode).Should().Equal(new AdapterNodeChanged("bank-1", "usb", "pi-garage"));
        ConfigPlanner.Plan(withNode, current).Should().Equal(new AdapterNodeChanged("bank-1", "usb", null));
    }

    [Fact]
    public void Plan_then_apply_gives_the_target_and_nothing_is_left_to_plan()
    {
        var random = new Random(5);
        for (int i = 0; i < 500; i++)
        {
            var current = RandomConfig(random);
            var target = RandomConfig(random);

            var applied = PlanAndApply(current, target);

            State(applied).Should().Be(State(target), $"round {i}");
            ConfigPlanner.Plan(applied, target).Should().BeEmpty($"round {i}: the target is reached");
        }
    }

    private static HubConfig RandomConfig(Random random)
    {
        T Pick<T>(params T[] items) => items[random.Next(items.Length)];
        var bankIds = new[] { "b1", "b2", "b3", "b4", "b5" }.Where(_ => random.Next(3) > 0).OrderBy(_ => random.Next()).ToList();
        var banks = bankIds.Select(id =>
        {
            var packs = Enumerable.Range(1, 6).Where(_ => random.Next(2) == 0).Select(a => new PackConfig((byte)a, Pick(8, 16))).ToList();
            var adapterIds = new[] { "a1", "a2", "a3" }.Where(_ => random.Next(2) == 0).OrderBy(_ => random.Next()).ToList();
            var adapters = adapterIds.Select(aid => new AdapterConfig(
                aid,
                Pick(AdapterProtocol.JkPassive, AdapterProtocol.JkActive),
                random.Next(2) == 0 ? new TcpTransport(Pick("10.0.0.1", "10.0.0.2"), Pick(502, 8899)) : new SerialTransport(Pick("/dev/ttyUSB0", "/dev/ttyUSB1"), Pick(9600, 115200)),
                random.Next(1, 4),
                random.Next(4) > 0,
                PollTimeout: random.Next(3) == 0 ? TimeSpan.FromMilliseconds(random.Next(100, 3000)) : null)
            { Node = Pick<string?>(null, "pi-1", "pi-2") }).ToList();
            return new BankConfig(id, Pick("North", "South", id), packs, adapters);
        }).ToList();
        var arrays = new[] { "r1", "r2" }.Where(_ => random.Next(2) == 0)
            .Select(id => new BatteryArrayConfig(id, Pick("One", "Two"), bankIds.Where(_ => random.Next(2) == 0).ToList())).ToList();
        return new HubConfig(banks, [], arrays);
    }
}
