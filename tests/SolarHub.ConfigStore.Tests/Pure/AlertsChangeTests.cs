using System.Text;
using Akka.Actor;
using Akka.Configuration;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Pure;

/// <summary>The alert rules in the stored configuration: planned, applied, validated and stored under stable names.</summary>
public sealed class AlertsChangeTests : IDisposable
{
    private static readonly AlertsConfig Rules = new(
        [new AlertOverride(AlertKind.SocLow, Raise: 20, Clear: 25), new AlertOverride(AlertKind.CellDelta, "bank-1", For: TimeSpan.FromSeconds(5))],
        "https://hooks.example/solarhub?token=abc");

    private readonly ActorSystem _system = ActorSystem.Create("alerts-change-test", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
    private readonly ConfigStoreSerializer _serializer;

    public AlertsChangeTests() => _serializer = new ConfigStoreSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Fact]
    public void Planning_sets_and_removes_the_section_and_plans_nothing_for_an_equal_one()
    {
        var without = TwoBanks();
        var with = without with { Alerts = Rules };

        ConfigPlanner.Plan(without, with).Should().Equal(new AlertsConfigured(Rules));
        ConfigPlanner.Plan(with, with with { Alerts = Rules with { Rules = Rules.Overrides.ToList() } }).Should().BeEmpty("equal content, another list");
        ConfigPlanner.Plan(with, without).Should().Equal(new AlertsRemoved());
        ConfigPlanner.Plan(without, without with { Alerts = new AlertsConfig() }).Should().BeEmpty("an empty section is no section");
    }

    [Fact]
    public void Removing_a_bank_removes_its_rules_and_keeps_the_others()
    {
        var applied = ConfigChangeApplier.Apply(TwoBanks() with { Alerts = Rules }, [new BankRemoved("bank-1")]);

        applied.Succeeded.Should().BeTrue();
        applied.Config.Alerts!.Overrides.Should().Equal(Rules.Overrides[0]);
    }

    [Fact]
    public void The_store_refuses_a_rule_for_an_unknown_bank_and_thresholds_that_would_flap_by_name()
    {
        var errors = StoredConfigValidator.Validate(TwoBanks() with
        {
            Alerts = new AlertsConfig([new AlertOverride(AlertKind.CellMin, "bank-9", Raise: 3.1), new AlertOverride(AlertKind.CellMin, Raise: 3.1)], "not a url"),
        });

        errors.Select(e => e.ToString()).Should().Equal(
            "alerts.webhook: 'not a url' is not an http:// or https:// URL",
            "alerts.banks.bank-9: 'bank-9' is not the id of a bank",
            "alerts.banks.bank-9.cell_min.raise: clear 3 must be above raise 3.1 V, or the alert would flap (give both raise and clear)",
            "alerts.rules.cell_min.raise: clear 3 must be above raise 3.1 V, or the alert would flap (give both raise and clear)");
    }

    [Fact]
    public void The_changes_are_stored_under_stable_names_and_read_back_equal()
    {
        var set = new ConfigChangeSet(DateTimeOffset.UnixEpoch, "test", [new AlertsConfigured(Rules), new AlertsRemoved()]);

        var bytes = _serializer.ToBinary(set);
        var restored = (ConfigChangeSet)_serializer.FromBinary(bytes, _serializer.Manifest(set));

        var json = Encoding.UTF8.GetString(bytes);
        json.Should().Contain("\"$kind\":\"alerts-configured\"").And.Contain("\"$kind\":\"alerts-removed\"").And.Contain("\"kind\":\"SocLow\"");
        json.Should().NotContain("\"path\"").And.NotContain("isEmpty", "derived values are not stored");
        restored.Changes.Should().Equal(set.Changes);
        restored.Changes[0].Describe().Should().Be(
            "alerts: soc_low for every bank: raise 20, clear 25; cell_delta for bank bank-1: for 5 s, webhook https://hooks.example/solarhub");

        var snapshot = (HubConfig)_serializer.FromBinary(_serializer.ToBinary(TwoBanks() with { Alerts = Rules }), "config.v1");
        snapshot.Alerts.Should().Be(Rules);
    }
}
