using SolarHub.Configuration.Alerts;
using SolarHub.Configuration.Legacy;
using SolarHub.Configuration.Tests.Support;

namespace SolarHub.Configuration.Tests.Legacy;

/// <summary>The <c>alerts:</c> section: read, exported back the same, every bad value an error at its line naming the field.</summary>
public class AlertsSectionTests
{
    private const string Banks = """
        battery_banks:
          - id: house
            adapter: {type: jkbms_tcpip, host: gw, port: 8899}
          - id: shed
            adapter: {type: jkbms_tcpip, host: gw2, port: 8899}

        """;

    private static LegacyConfigResult Read(string alerts) => LegacyConfigReader.Read(Banks + alerts);

    private const string Full = """
        alerts:
          webhook: http://127.0.0.1:8123/api/webhook/solarhub
          rules:
            soc_low: {raise: 20, clear: 25, for: 120}
            standby_adapter: {enabled: false}
          banks:
            house:
              cell_delta: {raise: 0.15, clear: 0.1}
              bank_down: {for: 5}
        """;

    [Fact]
    public void Webhook_hub_wide_and_per_bank_rules_are_read_and_apply_over_the_built_in_ones()
    {
        var alerts = Read(Full).ShouldBeValid().Config.Alerts!;

        alerts.Webhook.Should().Be("http://127.0.0.1:8123/api/webhook/solarhub");
        alerts.Overrides.Should().BeEquivalentTo(new[]
        {
            new AlertOverride(AlertKind.SocLow, Raise: 20, Clear: 25, For: TimeSpan.FromSeconds(120)),
            new AlertOverride(AlertKind.StandbyAdapter, Enabled: false),
            new AlertOverride(AlertKind.CellDelta, "house", Raise: 0.15, Clear: 0.1),
            new AlertOverride(AlertKind.BankDown, "house", For: TimeSpan.FromSeconds(5)),
        });

        var house = alerts.RulesFor("house");
        house.Single(r => r.Kind == AlertKind.CellDelta).Should().Be(new AlertRule(AlertKind.CellDelta, true, 0.15, 0.1, TimeSpan.FromSeconds(60)));
        house.Single(r => r.Kind == AlertKind.SocLow).Should().Be(new AlertRule(AlertKind.SocLow, true, 20, 25, TimeSpan.FromSeconds(120)));
        house.Single(r => r.Kind == AlertKind.StandbyAdapter).Enabled.Should().BeFalse();
        alerts.RulesFor("shed").Single(r => r.Kind == AlertKind.CellDelta).Should().Be(AlertKinds.Of(AlertKind.CellDelta).Default);
    }

    [Fact]
    public void No_section_or_an_empty_one_means_the_built_in_rules()
    {
        LegacyConfigReader.Read(Banks).ShouldBeValid().Config.Alerts.Should().BeNull();
        Read("alerts:").ShouldBeValid().Config.Alerts.Should().BeNull();
        AlertsConfig.Effective(null, "house").Should().Equal(AlertKinds.All.Select(s => s.Default));
    }

    [Fact]
    public void Export_writes_the_section_so_that_reading_it_back_gives_the_same_rules()
    {
        var config = Read(Full).ShouldBeValid().Config;
        var yaml = LegacyYamlWriter.Write(config).Yaml;

        yaml.Should().Contain("""
            alerts:
              webhook: "http://127.0.0.1:8123/api/webhook/solarhub"
              rules:
                soc_low: {raise: 20, clear: 25, for: 120}
                standby_adapter: {enabled: false}
              banks:
                house:
                  cell_delta: {raise: 0.15, clear: 0.1}
                  bank_down: {for: 5}
            """.ReplaceLineEndings());
        LegacyConfigReader.Read(yaml).ShouldBeValid().Config.Alerts.Should().Be(config.Alerts, "the section compares by content");
    }

    [Theory]
    [InlineData("alerts: {webhook: ftp://x/y}", "alerts.webhook", "'ftp://x/y' is not an http:// or https:// URL", 6)]
    [InlineData("alerts: {rules: {cell_gap: {raise: 1}}}", "alerts.rules.cell_gap", "unknown alert rule 'cell_gap' (known: cell_delta, cell_min, cell_max, pack_temperature_high, pack_temperature_low, mos_temperature, soc_low, pack_stale, standby_adapter, bank_down)", 6)]
    [InlineData("alerts: {rules: {soc_low: {raise: 30}}}", "alerts.rules.soc_low.raise", "clear 20 must be above raise 30 %, or the alert would flap (give both raise and clear)", 6)]
    [InlineData("alerts: {rules: {soc_low: {raise: 20, clear: 10}}}", "alerts.rules.soc_low.clear", "clear 10 must be above raise 20 %, or the alert would flap (give both raise and clear)", 6)]
    [InlineData("alerts: {rules: {cell_max: {raise: 36.5}}}", "alerts.rules.cell_max.raise", "36.5 is not a cell_max threshold (0 to 5 V)", 6)]
    [InlineData("alerts: {rules: {pack_stale: {raise: 1}}}", "alerts.rules.pack_stale.raise", "pack_stale is a condition without thresholds: set only for and enabled", 6)]
    [InlineData("alerts: {rules: {bank_down: {for: -1}}}", "alerts.rules.bank_down.for", "-1 is not a duration in seconds (0 to 86400)", 6)]
    [InlineData("alerts: {rules: {bank_down: {after: 1}}}", "alerts.rules.bank_down.after", "unknown key 'after' in the bank_down rule (known: enabled, raise, clear, for)", 6)]
    [InlineData("alerts: {rules: {soc_low: {raise: low}}}", "alerts.rules.soc_low.raise", "'low' is not a number", 6)]
    [InlineData("alerts: {banks: {garage: {soc_low: {for: 1}}}}", "alerts.banks.garage", "'garage' is not the id of a bank", 6)]
    public void A_bad_value_is_an_error_at_its_line_naming_the_field(string yaml, string path, string message, int line)
    {
        var result = Read(yaml);

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Match<SolarHub.Configuration.Validation.ConfigError>(e => e.Path == path && e.Message == message && e.Line == line,
            $"got {string.Join("; ", result.Errors)}");
    }
}
