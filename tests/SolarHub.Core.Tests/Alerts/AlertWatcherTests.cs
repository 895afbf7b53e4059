using Akka.Actor;
using Akka.TestKit;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Alerts;
using SolarHub.Core.Telemetry;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Alerts;

/// <summary>The watcher in virtual time: telemetry on the event stream in, raises and clears on the event stream out.</summary>
public sealed class AlertWatcherTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Config = """
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.log-dead-letters = off
        """;

    private readonly TestProbe _alerts;
    private readonly IActorRef _watcher;

    public AlertWatcherTests(ITestOutputHelper output) : base(Config, output)
    {
        _alerts = CreateTestProbe();
        Sys.EventStream.Subscribe(_alerts.Ref, typeof(AlertRaised));
        Sys.EventStream.Subscribe(_alerts.Ref, typeof(AlertCleared));
        var config = new HubConfig(
            [new BankConfig("house", "House", [new PackConfig(1)], [new AdapterConfig("gw-a", AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", 1))])], [],
            Alerts: new AlertsConfig([new AlertOverride(AlertKind.MosTemperature, Raise: 60, Clear: 50, For: TimeSpan.FromSeconds(10))]));
        _watcher = Sys.ActorOf(AlertWatcher.Props(config));
        // Answered once the watcher has started: subscribed and its tick running.
        _watcher.Ask<AlertsReport>(GetAlerts.Instance, TimeSpan.FromSeconds(10)).Wait();
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    // The watcher reads the clock when it handles a reading: the reading is handled before the clock moves on.
    private async Task Publish(object telemetry)
    {
        Sys.EventStream.Publish(telemetry);
        await _watcher.Ask<AlertsReport>(GetAlerts.Instance, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_value_held_past_the_threshold_is_raised_after_the_duration_by_the_tick_and_cleared_the_same_way()
    {
        await Publish(AlertBookTests.Pack(1, mos: 65));
        Clock.Advance(TimeSpan.FromSeconds(9));
        _alerts.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // No new reading: the tick ends the 10 s.
        Clock.Advance(TimeSpan.FromSeconds(1));
        var raised = _alerts.ExpectMsg<AlertRaised>(TimeSpan.FromSeconds(5));
        raised.Should().BeEquivalentTo(new { BankId = "house", Kind = AlertKind.MosTemperature, Pack = (byte?)1, Value = 65.0, Threshold = 60.0 });

        var report = await _watcher.Ask<AlertsReport>(GetAlerts.Instance, TimeSpan.FromSeconds(5));
        report.Active.Should().ContainSingle().Which.Rule.Should().Be("mos_temperature");
        report.Banks.Should().ContainSingle().Which.Rules.Single(r => r.Rule == "mos_temperature").Should()
            .BeEquivalentTo(new { Raise = 60.0, Clear = 50.0, ForSeconds = 10.0, Unit = "°C", Enabled = true });
        report.Webhook.Should().BeNull();

        await Publish(AlertBookTests.Pack(1, mos: 55));
        Clock.Advance(TimeSpan.FromSeconds(30));
        // 55 °C is between the thresholds: the alert holds.
        _alerts.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        await Publish(AlertBookTests.Pack(1, mos: 45));
        Clock.Advance(TimeSpan.FromSeconds(10));
        _alerts.ExpectMsg<AlertCleared>(TimeSpan.FromSeconds(5)).Value.Should().Be(45);
    }

    [Fact]
    public async Task A_bank_that_left_this_node_on_the_event_stream_drops_its_alerts_here_without_a_clear()
    {
        await Publish(AlertBookTests.Pack(1, mos: 65));
        Clock.Advance(TimeSpan.FromSeconds(10));
        _alerts.ExpectMsg<AlertRaised>(TimeSpan.FromSeconds(5));

        await Publish(new BankLeftNode("house"));

        (await _watcher.Ask<AlertsReport>(GetAlerts.Instance, TimeSpan.FromSeconds(5))).Active.Should().BeEmpty();
        Clock.Advance(TimeSpan.FromSeconds(30));
        _alerts.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_configuration_that_switches_the_rule_off_clears_the_alert()
    {
        await Publish(AlertBookTests.Pack(1, mos: 65));
        Clock.Advance(TimeSpan.FromSeconds(10));
        _alerts.ExpectMsg<AlertRaised>(TimeSpan.FromSeconds(5));

        var off = new HubConfig(
            [new BankConfig("house", "House", [new PackConfig(1)], [new AdapterConfig("gw-a", AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", 1))])], [],
            Alerts: new AlertsConfig([new AlertOverride(AlertKind.MosTemperature, Enabled: false)]));
        _watcher.Tell(new HubConfigChanged(off, 7));
        _alerts.ExpectMsg<AlertCleared>(TimeSpan.FromSeconds(5)).Message.Should().EndWith("the rule was switched off");
    }
}
