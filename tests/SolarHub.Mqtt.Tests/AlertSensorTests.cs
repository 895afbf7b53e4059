using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Alerts;
using SolarHub.Mqtt.Bridge;
using SolarHub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace SolarHub.Mqtt.Tests;

/// <summary>
/// Alert rules as Home Assistant problem sensors on a real broker: discovered per enabled rule on the bank's device,
/// ON while any of its alerts is raised, said again when Home Assistant comes back, removed when the rule is switched off.
/// </summary>
[Collection(BrokerTests.Name)]
public class AlertSensorTests(ITestOutputHelper output) : BridgeTestKit(output)
{
    private const string CellDeltaConfig = "homeassistant/binary_sensor/solarhub_house_alert_cell_delta/config";
    private const string CellDeltaState = "solarhub/house/alert/cell_delta";

    private static readonly AlertsConfig SocOff = new([new AlertOverride(AlertKind.SocLow, "house", Enabled: false)]);

    private void StartBridge(AlertsConfig? alerts) => Sys.ActorOf(MqttBridge.Props(Mqtt, [House], Timings, alerts: alerts), "mqtt");

    private static AlertRaised Raised(byte pack) => new("house", AlertKind.CellDelta, pack, 0.12, 0.1, DateTimeOffset.UtcNow, $"pack {pack}");

    private static AlertCleared Cleared(byte pack) => new("house", AlertKind.CellDelta, pack, 0.05, 0.07, DateTimeOffset.UtcNow, $"pack {pack}");

    [Fact]
    public async Task Each_enabled_rule_is_a_problem_binary_sensor_on_the_bank_device_following_home_assistants_rules()
    {
        StartBridge(SocOff);
        ExpectConnected();

        var config = (await Watcher.WaitForAsync(CellDeltaConfig)).Json;
        config.GetProperty("unique_id").GetString().Should().Be("solarhub_house_alert_cell_delta");
        config.GetProperty("name").GetString().Should().Be("Cell voltage spread alert");
        config.GetProperty("device_class").GetString().Should().Be("problem");
        config.GetProperty("state_topic").GetString().Should().Be(CellDeltaState);
        (config.GetProperty("payload_on").GetString(), config.GetProperty("payload_off").GetString()).Should().Be(("ON", "OFF"));
        config.TryGetProperty("unit_of_measurement", out _).Should().BeFalse("a binary sensor has no unit");
        config.TryGetProperty("state_class", out _).Should().BeFalse("a binary sensor has no state class");
        config.GetProperty("availability").EnumerateArray().Select(a => a.GetProperty("topic").GetString()).Should().Equal(["solarhub/status"],
            "an alert shows while the bank's data is stale");
        var device = config.GetProperty("device");
        device.GetProperty("identifiers")[0].GetString().Should().Be("solarhub_house", "the bank's device, as its sensors have it");
        device.GetProperty("name").GetString().Should().Be("House bank");
        Watcher.All.Single(m => m.Topic == CellDeltaConfig).Retain.Should().BeTrue();

        var state = await Watcher.WaitForAsync(CellDeltaState);
        (state.Payload, state.Retain).Should().Be(("OFF", true));
        foreach (var rule in AlertKinds.All.Where(s => s.Kind != AlertKind.SocLow))
            await Watcher.WaitForAsync($"homeassistant/binary_sensor/solarhub_house_alert_{rule.Key}/config");
        Watcher.On("homeassistant/binary_sensor/solarhub_house_alert_soc_low/config").Should().BeEmpty("the rule is off for this bank");
    }

    [Fact]
    public async Task What_was_raised_before_the_bridge_started_shows_at_its_start_as_the_actor_for_every_banks_alerts_says_and_no_state_before_it()
    {
        // On a cluster node that actor gathers every member's alerts (the bridge is a singleton that may start anywhere),
        // which takes a while: its answer is held here until the bridge has connected and flushed.
        var raisedElsewhere = new ActiveAlert("house", AlertKind.CellDelta, 2, 0.12, 0.1, DateTimeOffset.UtcNow, "pack 2") { Node = "n2" };
        var report = new AlertsReport([raisedElsewhere], [], null, null);
        var allAlerts = Sys.ActorOf(Props.Create(() => new HeldAlerts(report)), "all-alerts");
        Akka.Hosting.ActorRegistry.For(Sys).Register<AllAlertsKey>(allAlerts);

        Sys.ActorOf(MqttBridge.Props(Mqtt, [House], Timings with { AlertsWaitMax = Generous }), "mqtt");
        ExpectConnected();
        await Watcher.WaitForAsync(CellDeltaConfig);
        // A later flush's message: everything the first flush said has arrived before it.
        Publish(Bank("house"));
        await Watcher.WaitForAsync("solarhub/house/state");
        Watcher.On(CellDeltaState).Select(m => m.Payload).Should().BeEmpty("the bridge does not know yet what is raised, and an OFF would flap the sensor");

        allAlerts.Tell(HeldAlerts.Answer.Instance);
        (await Watcher.WaitForAsync(CellDeltaState)).Payload.Should().Be("ON");
    }

    [Fact]
    public async Task Without_an_answer_on_what_is_raised_the_states_are_said_after_the_wait()
    {
        Akka.Hosting.ActorRegistry.For(Sys).Register<AllAlertsKey>(Sys.ActorOf(Props.Create(() => new HeldAlerts(null)), "all-alerts"));

        var started = DateTime.UtcNow;
        StartBridge(null);
        ExpectConnected();
        await Watcher.WaitForAsync(CellDeltaConfig);

        var state = await Watcher.WaitForAsync(CellDeltaState);
        state.Payload.Should().Be("OFF");
        // A lower bound only, from before the bridge started: a loaded machine can make it later, never earlier.
        (state.At - started).Should().BeGreaterThanOrEqualTo(Timings.AlertsWaitMax * 0.95, "said only once the wait was over");
    }

    /// <summary>Answers what is raised only when told to (never when it has no report).</summary>
    private sealed class HeldAlerts : ReceiveActor
    {
        public sealed record Answer
        {
            public static Answer Instance { get; } = new();
        }

        private IActorRef? _asker;

        public HeldAlerts(AlertsReport? report)
        {
            Receive<GetAlerts>(_ => _asker = Sender);
            Receive<Answer>(_ =>
            {
                if (report is not null) _asker?.Tell(report);
            });
        }
    }

    [Fact]
    public async Task The_state_is_on_while_any_pack_has_the_alert_and_is_said_again_when_home_assistant_comes_back()
    {
        StartBridge(null);
        ExpectConnected();
        await Watcher.WaitForTextAsync(CellDeltaState, "OFF");

        Publish(Raised(1));
        Publish(Raised(2));
        await Watcher.WaitForTextAsync(CellDeltaState, "ON");
        Publish(Cleared(1));
        var configs = Watcher.On(CellDeltaConfig).Count();
        var states = Watcher.On(CellDeltaState).Count();

        // Home Assistant restarted: discovery and state again; pack 2 still has the alert.
        await Watcher.PublishAsync("homeassistant/status", "online");
        await Watcher.WaitForAsync(CellDeltaConfig, after: configs);
        (await Watcher.WaitForAsync(CellDeltaState, after: states)).Payload.Should().Be("ON");

        Publish(Cleared(2));
        (await Watcher.WaitForAsync(CellDeltaState, m => m.Payload == "OFF", after: states + 1)).Retain.Should().BeTrue();
    }

    [Fact]
    public async Task A_rule_raised_by_the_watcher_shows_on_mqtt_and_switching_it_off_removes_its_sensor()
    {
        var hub = new HubConfig([House], [], Alerts: new AlertsConfig([new AlertOverride(AlertKind.SocLow, For: TimeSpan.Zero)]));
        var watcher = Sys.ActorOf(AlertWatcher.Props(hub), "alerts");
        var bridge = Sys.ActorOf(MqttBridge.Props(Mqtt, hub.Banks, Timings, alerts: hub.Alerts), "mqtt");
        ExpectConnected();
        await Watcher.WaitForTextAsync("solarhub/house/alert/soc_low", "OFF");

        // Answered once the watcher has started: it follows the telemetry from then on.
        await watcher.Ask<AlertsReport>(GetAlerts.Instance, Generous);
        Publish(Bank("house", soc: 8));
        await Watcher.WaitForTextAsync("solarhub/house/alert/soc_low", "ON");

        bridge.Tell(new HubConfigChanged(hub with { Alerts = new AlertsConfig([new AlertOverride(AlertKind.SocLow, Enabled: false)]) }, 2));
        // Removed from Home Assistant: an empty retained config, and the retained state cleared.
        await Watcher.WaitForAsync("homeassistant/binary_sensor/solarhub_house_alert_soc_low/config", m => m.Payload.Length == 0);
        await Watcher.WaitForAsync("solarhub/house/alert/soc_low", m => m.Payload.Length == 0);
    }
}
