using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Alerts;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Tests.Alerts;

/// <summary>Every rule of the configured banks on their telemetry: per pack, per bank, live configuration changes.</summary>
public sealed class AlertBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static HubConfig Config(AlertsConfig? alerts = null) => new(
        [
            new BankConfig("house", "House", [new PackConfig(1), new PackConfig(2)],
            [
                new AdapterConfig("gw-a", AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", 1), Priority: 1),
                new AdapterConfig("gw-b", AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", 2), Priority: 2),
            ]),
        ], [], Alerts: alerts);

    internal static PackTelemetry Pack(byte address, double cellMin = 3.30, double cellMax = 3.32, double temperature = 25, double? mos = 30, bool stale = false) =>
        new("house", address, "gw-a", T0, stale, [cellMin, cellMax], cellMin, cellMax, cellMax - cellMin, 53, 0, 0, 60, 100, 100, 200, 5, mos,
            [temperature, temperature - 1], [], true, true, false);

    internal static BankTelemetry Bank(BankState state = BankState.Healthy, string? active = "gw-a", double soc = 60, bool stale = false) =>
        new("house", T0, state, active, stale ? 0 : 2, 2, stale, 53, 0, 0, soc, 100, 200, 3.3, 3.32, 24, 25, []);

    private static AlertBook Book(AlertsConfig? alerts = null)
    {
        var book = new AlertBook();
        book.Apply(Config(alerts), T0).Should().BeEmpty();
        return book;
    }

    [Fact]
    public void A_pack_rule_is_raised_for_the_pack_that_crosses_it_with_a_message_naming_bank_pack_value_and_rule()
    {
        var book = Book();
        book.Observe(Pack(2, cellMin: 3.20, cellMax: 3.35), T0).Should().BeEmpty();
        var events = book.Observe(Pack(2, cellMin: 3.20, cellMax: 3.35), T0.AddSeconds(60));

        var raised = events.Should().ContainSingle().Which.Should().BeOfType<AlertRaised>().Subject;
        raised.Should().BeEquivalentTo(new { BankId = "house", Kind = AlertKind.CellDelta, Pack = (byte?)2, Threshold = 0.10, Rule = "cell_delta" });
        raised.Value.Should().BeApproximately(0.15, 1e-9);
        raised.Message.Should().Be("bank House, pack 2: cell voltage spread 0.15 V (at or above 0.1 V for 60 s)");
        book.Active.Should().ContainSingle().Which.Pack.Should().Be(2);
        book.Observe(Pack(1), T0.AddSeconds(61)).Should().BeEmpty("pack 1 is balanced");
    }

    [Fact]
    public void Soc_standby_adapter_and_down_are_judged_on_the_bank()
    {
        var book = Book();
        book.Observe(Pack(1), T0);
        book.Observe(Pack(2), T0);
        book.Observe(Bank(active: "gw-b", soc: 10), T0).Should().BeEmpty();
        var later = book.Observe(Bank(active: "gw-b", soc: 10), T0.AddSeconds(60));
        later.OfType<AlertRaised>().Select(a => a.Kind).Should().BeEquivalentTo([AlertKind.SocLow, AlertKind.StandbyAdapter]);
        later.OfType<AlertRaised>().Should().OnlyContain(a => a.Pack == null);

        var down = book.Observe(Bank(BankState.Down, active: null, stale: true), T0.AddSeconds(61));
        down.Should().ContainSingle(e => e is AlertRaised && ((AlertRaised)e).Kind == AlertKind.BankDown)
            .Which.As<AlertRaised>().Message.Should().Be("bank House: down: no adapter delivers data for 0 s");
        down.OfType<AlertCleared>().Should().BeEmpty("a clear waits the rule's 60 s too");
        var cleared = book.Observe(Bank(BankState.Down, active: null, stale: true), T0.AddSeconds(121));
        cleared.Should().ContainSingle().Which.As<AlertCleared>().Kind.Should().Be(AlertKind.StandbyAdapter, "a bank with no active adapter is on no standby one");
    }

    [Fact]
    public void A_stale_pack_raises_pack_stale_and_its_old_figures_neither_raise_nor_clear_a_threshold()
    {
        var book = Book(new AlertsConfig([new AlertOverride(AlertKind.MosTemperature, For: TimeSpan.FromSeconds(10))]));
        book.Observe(Pack(1, mos: 85), T0);
        // Stale from here on: the MOS figure is the last known one, and the 10 s it would need pass without fresh data.
        book.Observe(Pack(1, mos: 85, stale: true), T0.AddSeconds(1)).Should().BeEmpty();
        book.Tick(T0.AddSeconds(20)).Should().BeEmpty();
        var events = book.Tick(T0.AddSeconds(31));
        events.Should().ContainSingle().Which.As<AlertRaised>().Kind.Should().Be(AlertKind.PackStale);

        book.Observe(Pack(1, mos: 85), T0.AddSeconds(40)).Should().BeEmpty("with fresh data the waits start again: 30 s to clear, 10 s to raise");
        var after = book.Tick(T0.AddSeconds(70));
        after.OfType<AlertCleared>().Should().ContainSingle().Which.Kind.Should().Be(AlertKind.PackStale);
        after.OfType<AlertRaised>().Should().ContainSingle().Which.Kind.Should().Be(AlertKind.MosTemperature);
    }

    [Fact]
    public void Switching_a_rule_off_clears_its_raised_alerts_and_a_changed_threshold_applies_live()
    {
        var book = Book(new AlertsConfig([new AlertOverride(AlertKind.CellDelta, For: TimeSpan.Zero)]));
        book.Observe(Pack(1, cellMin: 3.2, cellMax: 3.35), T0).Should().ContainSingle().Which.Should().BeOfType<AlertRaised>();

        var off = book.Apply(Config(new AlertsConfig([new AlertOverride(AlertKind.CellDelta, "house", Enabled: false)])), T0.AddSeconds(1));
        off.Should().ContainSingle().Which.As<AlertCleared>().Message.Should().Be("bank House, pack 1: cell voltage spread cleared: the rule was switched off");
        book.Active.Should().BeEmpty();
        book.Observe(Pack(1, cellMin: 3.2, cellMax: 3.35), T0.AddSeconds(100)).Should().BeEmpty("the rule is off");

        book.Apply(Config(new AlertsConfig([new AlertOverride(AlertKind.CellDelta, "house", Raise: 0.2, Clear: 0.1, For: TimeSpan.Zero)])), T0.AddSeconds(101));
        book.Observe(Pack(1, cellMin: 3.2, cellMax: 3.35), T0.AddSeconds(102)).Should().BeEmpty("0.15 V is below the bank's own 0.2 V");
        book.Rules.Should().ContainSingle().Which.Rules.Single(r => r.Kind == AlertKind.CellDelta).Raise.Should().Be(0.2);
    }

    [Fact]
    public void A_removed_bank_clears_its_alerts_and_an_unknown_bank_is_not_judged()
    {
        var book = Book(new AlertsConfig([new AlertOverride(AlertKind.SocLow, For: TimeSpan.Zero)]));
        book.Observe(Bank(soc: 5), T0).Should().ContainSingle();
        var gone = book.Apply(new HubConfig([], []), T0.AddSeconds(1));
        gone.Should().ContainSingle().Which.As<AlertCleared>().Message.Should().EndWith("the bank is no longer configured");
        book.Observe(Bank(soc: 5), T0.AddSeconds(2)).Should().BeEmpty();
    }

    [Fact]
    public void A_bank_that_left_this_node_is_forgotten_without_a_clear_and_judged_afresh_when_it_comes_back()
    {
        var book = Book(new AlertsConfig([new AlertOverride(AlertKind.SocLow, For: TimeSpan.FromSeconds(10))]));
        book.Observe(Bank(soc: 5), T0);
        book.Observe(Bank(soc: 5), T0.AddSeconds(10)).Should().ContainSingle().Which.Should().BeOfType<AlertRaised>();

        book.Forget("house");

        book.Active.Should().BeEmpty("the node that runs the bank now judges it");
        book.Tick(T0.AddSeconds(20)).Should().BeEmpty("nothing is cleared: the condition may still hold on the other node");
        book.Rules.Should().ContainSingle("the bank is still configured");
        book.Observe(Bank(soc: 5), T0.AddSeconds(30)).Should().BeEmpty("back here, its wait starts again");
        book.Observe(Bank(soc: 5), T0.AddSeconds(40)).Should().ContainSingle().Which.Should().BeOfType<AlertRaised>();
    }

    [Fact]
    public void A_configured_pack_that_never_reports_is_stale_once_the_bank_is_past_starting()
    {
        var book = Book();
        book.Observe(Pack(1), T0);
        book.Observe(Bank(BankState.Starting), T0).Should().BeEmpty();
        book.Observe(Bank(BankState.Degraded), T0.AddSeconds(1)).Should().BeEmpty();
        book.Observe(Pack(1), T0.AddSeconds(31));
        var events = book.Observe(Bank(BankState.Degraded), T0.AddSeconds(31));

        var stale = events.Should().ContainSingle().Which.Should().BeOfType<AlertRaised>().Subject;
        (stale.Kind, stale.Pack).Should().Be((AlertKind.PackStale, (byte?)2), "pack 1 reports; pack 2 never did");
        stale.Message.Should().Be("bank House, pack 2: no fresh data for 30 s");
    }

    [Fact]
    public void A_pack_taken_out_of_the_bank_clears_its_alerts_and_is_no_longer_judged()
    {
        var config = Config(new AlertsConfig([new AlertOverride(AlertKind.CellMax, For: TimeSpan.Zero)]));
        var book = new AlertBook();
        book.Apply(config, T0);
        book.Observe(Pack(2, cellMax: 3.70), T0).Should().ContainSingle().Which.Should().BeOfType<AlertRaised>();

        var onePack = config with { Banks = [config.Banks[0] with { Packs = [new PackConfig(1)] }] };
        book.Apply(onePack, T0.AddSeconds(1)).Should().ContainSingle().Which.As<AlertCleared>().Message
            .Should().Be("bank House, pack 2: high cell voltage cleared: the pack is no longer configured");
        book.Observe(Pack(2, cellMax: 3.70), T0.AddSeconds(2)).Should().BeEmpty();
    }
}
