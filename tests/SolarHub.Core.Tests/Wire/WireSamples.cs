using System.IO.Ports;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Adapters;
using SolarHub.Core.Alerts;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Tests.Support;
using SolarHub.Core.Wire;
using SolarHub.Protocol.Jk;

namespace SolarHub.Core.Tests.Wire;

/// <summary>
/// One message of every type in <see cref="WireTypes"/>, with its fields (init ones too) away from their defaults.
/// A type added to the table without a sample here fails the round-trip theory.
/// </summary>
public static class WireSamples
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(2));

    public static TheoryData<string> Names => new(WireTypes.Rows.Select(r => r.Name));

    public static object For(Type type) => Samples.TryGetValue(type, out var sample)
        ? sample()
        : throw new InvalidOperationException($"no wire sample for {type.Name}: add one to {nameof(WireSamples)}");

    private static readonly Dictionary<Type, Func<object>> Samples = new()
    {
        [typeof(AdapterConnected)] = () => new AdapterConnected("gw-1", "tcp://10.0.0.7:8899"),
        [typeof(AdapterHeartbeat)] = () => new AdapterHeartbeat("gw-1", 123_456, 42, 3, 0b1010_0000_0000_0011)
        {
            DiscardedBytes = 77,
            Readings = [Reading(1), Reading(2)],
            DeviceInfos = [DeviceInfo(1, JkLayout.JK02_32S), DeviceInfo(2, null)],
        },
        [typeof(AdapterFaulted)] = () => new AdapterFaulted("gw-1", "connection refused"),
        [typeof(PackReadingReceived)] = () => Reading(3),
        [typeof(PackDeviceInfoReceived)] = () => DeviceInfo(4, JkLayout.JK02_24S),
        [typeof(ReconnectAdapter)] = () => new ReconnectAdapter("no valid data for 10 s"),
        [typeof(ReportHeartbeat)] = () => ReportHeartbeat.Instance,
        [typeof(RetryUrgency)] = () => new RetryUrgency(true),
        [typeof(StartAdapterHere)] = () => new StartAdapterHere("bank-1", Bank().Adapters[0] with { Node = "pi-garage" }, Bank().Packs, Akka.Actor.ActorRefs.Nobody, Urgent: true, Attempt: 3),
        [typeof(AdapterStartedHere)] = () => new AdapterStartedHere(3, Akka.Actor.ActorRefs.Nobody),
        [typeof(BankEnvelope)] = () => new BankEnvelope("bank-1", new ForceActiveAdapter("gw-2")),
        [typeof(GetBankSnapshot)] = () => GetBankSnapshot.Instance,
        [typeof(GetBankIds)] = () => GetBankIds.Instance,
        [typeof(BankIds)] = () => new BankIds(["bank-1", "bänk \"2\""]),
        [typeof(BankNotFound)] = () => new BankNotFound("bank-9"),
        [typeof(ApplyBankConfig)] = () => new ApplyBankConfig(Bank()),
        [typeof(BankSnapshot)] = () => Snapshot(),
        [typeof(ForceActiveAdapter)] = () => new ForceActiveAdapter("gw-2"),
        [typeof(ReleaseForcedAdapter)] = () => new ReleaseForcedAdapter("gw-2"),
        [typeof(SetAdapterEnabled)] = () => new SetAdapterEnabled("gw-2", false),
        [typeof(AdapterCommandDone)] = () => new AdapterCommandDone("bank-1", "gw-2", "forced active"),
        [typeof(AdapterCommandRefused)] = () => new AdapterCommandRefused("bank-1", "gw-2", "not healthy"),
        [typeof(AdapterNotFound)] = () => new AdapterNotFound("bank-1", "gw-9"),
        [typeof(PackTelemetry)] = () => Pack(5),
        [typeof(BankTelemetry)] = () => Totals(),
        [typeof(AdapterStateChanged)] = () => new AdapterStateChanged("bank-1", "gw-2", At, AdapterState.Restarting, AdapterState.Failed, "crashed 5 times") { Retry = true },
        [typeof(FailoverOccurred)] = () => Failover(),
        [typeof(BankAlarm)] = () => new BankAlarm("bank-1", At, BankAlarmKind.PackStale, "pack 3 stale", Cleared: true),
        [typeof(BankEnergy)] = () => new BankEnergy("bank-1", At, 12.345, 6.789, [new PackEnergy(1, 6.2, 3.4), new PackEnergy(2, 6.145, 3.389)]),
        [typeof(RelayedBankEvent)] = () => new RelayedBankEvent("node-b", Pack(6)),
        [typeof(AlertRaised)] = () => new AlertRaised("bank-1", AlertKind.CellDelta, 3, 0.112, 0.1, At, "bank 1, pack 3: cell voltage spread 0.112 V"),
        [typeof(AlertCleared)] = () => new AlertCleared("bank-1", AlertKind.BankDown, null, 0, 0, At, "bank 1: bank down cleared"),
        [typeof(GetAlerts)] = () => GetAlerts.Instance,
        [typeof(AlertsReport)] = () => new AlertsReport(
            [new ActiveAlert("bank-1", AlertKind.CellDelta, 3, 0.112, 0.1, At, "bank 1, pack 3: cell voltage spread 0.112 V"),
             new ActiveAlert("bank-1", AlertKind.BankDown, null, 1, 1, At, "bank 1: bank down") { Node = "n2" }],
            [new BankAlertRules("bank-1", [new AlertRuleView("cell_delta", "Cell voltage spread", true, 0.1, 0.07, 60, "V", true, "cell_delta: raise at or above 0.1 V"),
                new AlertRuleView("bank_down", "Bank down", true, null, null, 0, null, false, "bank_down: raised after 0 s")])],
            "https://hooks.example/solarhub", new WebhookStatus(12, 0, 1, 2, "answered 500 Internal Server Error"))
        { Unanswered = ["n3"] },
    };

    /// <summary>ReceivedTimestamp is 0: a Stopwatch timestamp is not sent (see WireJson), so only 0 comes back equal.</summary>
    public static PackReadingReceived Reading(byte address, long receivedTimestamp = 0) =>
        new("gw-1", address, Readings.For(address, seed: address), At.AddMilliseconds(address), receivedTimestamp);

    private static PackDeviceInfoReceived DeviceInfo(byte address, JkLayout? layout) => new("gw-1", address, WireFrames.DeviceInfo(), layout);

    public static BankConfig Bank() => new("bank-1", "Shed bank", [new PackConfig(1, 16), new PackConfig(2, 8)],
    [
        new AdapterConfig("gw-1", AdapterProtocol.JkPassive, new TcpTransport("10.0.0.7", 8899)) { Node = "node-b" },
        new AdapterConfig("usb-1", AdapterProtocol.JkActive, new SerialTransport("/dev/ttyUSB0", 9600, Parity.Even, 7, StopBits.Two),
            Priority: 2, Enabled: false, Layout: JkLayout.JK02_24S, PollTimeout: TimeSpan.FromMilliseconds(1250), PollGap: TimeSpan.FromMilliseconds(130)),
    ]);

    private static PackTelemetry Pack(byte address) =>
        PackTelemetry.From("bank-1", address, "gw-1", At, Readings.For(address, seed: 7)) with { Stale = true, MosTemperature = null };

    private static BankTelemetry Totals() => new("bank-1", At, BankState.Degraded, "gw-1", 1, 2, false,
        53.12, -12.5, -664.0, 87.5, 245.25, 280.0, 3.301, 3.334, 18.5, 24.25, ["PackStale", "CellUndervoltage"]);

    private static FailoverOccurred Failover() =>
        new("bank-1", At, "gw-1", "usb-1", "gw-1 silent", IsFailback: false) { DurationMs = 10_250.5, PreviousActiveMs = 3_600_000 };

    private static BankSnapshot Snapshot() => new("bank-1", "Shed bank", BankState.Degraded, "usb-1",
        [
            new AdapterSnapshot("gw-1", "gw-1 (jk-passive tcp://10.0.0.7:8899, priority 1)", 1, true, false, AdapterState.Silent,
                "no valid frames", At, At.AddSeconds(-12), null, 1_000_000, 4_000, 12, 3, "timeout")
            {
                Protocol = AdapterProtocol.JkPassive, Transport = "tcp://10.0.0.7:8899", DiscardedBytes = 512,
            },
            new AdapterSnapshot("usb-1", "usb-1", 2, true, true, AdapterState.Healthy, "", At, At, At.AddMinutes(-5), 20, 2, 0, 0, null)
            {
                Protocol = AdapterProtocol.JkActive, Transport = "serial:///dev/ttyUSB0@9600",
            },
        ],
        [new PackSnapshot(1, At, false, Pack(1)), new PackSnapshot(2, null, true, null)],
        Totals(),
        [Failover(), new FailoverOccurred("bank-1", At.AddHours(-1), null, "gw-1", "start", false)])
    {
        ForcedAdapter = "usb-1",
        FailoverCount = 51,
    };
}
