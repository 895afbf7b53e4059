using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class AdapterCommandChecksTests
{
    private static readonly BankConfig Bank = new("bank-1", "Bank 1", [new PackConfig(1)],
        [Config("a", 1, priority: 1), Config("b", 2, priority: 2), Config("off", 3, enabled: false)]);

    private readonly BankAdapters _adapters = new();

    public AdapterCommandChecksTests() => _adapters.Reconcile(Bank.FailoverOrder);

    [Fact]
    public void Every_command_on_an_adapter_the_bank_does_not_know_is_answered_not_found()
    {
        AdapterCommandChecks.Force(Bank, _adapters, "nope").Should().Be(new AdapterNotFound("bank-1", "nope"));
        AdapterCommandChecks.Release(Bank, forced: null, "nope").Should().Be(new AdapterNotFound("bank-1", "nope"));
        AdapterCommandChecks.SetEnabled(Bank, "nope", enabled: true).Should().Be(new AdapterNotFound("bank-1", "nope"));
    }

    [Fact]
    public void Only_a_healthy_enabled_adapter_can_be_forced()
    {
        AdapterCommandChecks.Force(Bank, _adapters, "off").Should().Be(new AdapterCommandRefused("bank-1", "off", "adapter 'off' is disabled: enable it first"));
        AdapterCommandChecks.Force(Bank, _adapters, "b").Should().Be(
            new AdapterCommandRefused("bank-1", "b", "adapter 'b' is Stopped (not started): only a healthy adapter can be forced active"));

        var b = _adapters.Find("b")!;
        Run(b, T0);
        b.MoveTo(AdapterState.Healthy, "complete set", "bank-1", T0);
        AdapterCommandChecks.Force(Bank, _adapters, "b").Should().BeNull("the command goes ahead");
    }

    [Fact]
    public void Releasing_an_adapter_that_is_not_pinned_changes_nothing()
    {
        AdapterCommandChecks.Release(Bank, forced: "a", "b").Should().Be(new AdapterCommandDone("bank-1", "b", "adapter 'b' was not forced active; nothing changed"));
        AdapterCommandChecks.Release(Bank, forced: "b", "b").Should().BeNull();
    }

    [Fact]
    public void Enabling_an_enabled_adapter_or_disabling_a_disabled_one_changes_nothing()
    {
        AdapterCommandChecks.SetEnabled(Bank, "a", enabled: true).Should().Be(new AdapterCommandDone("bank-1", "a", "adapter 'a' was already enabled"));
        AdapterCommandChecks.SetEnabled(Bank, "off", enabled: false).Should().Be(new AdapterCommandDone("bank-1", "off", "adapter 'off' was already disabled"));
        AdapterCommandChecks.SetEnabled(Bank, "off", enabled: true).Should().BeNull();
        AdapterCommandChecks.SetEnabled(Bank, "a", enabled: false).Should().BeNull();
    }
}
