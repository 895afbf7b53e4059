using SolarHub.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Tests.Support;
using SolarHub.Simulator;
using SolarHub.Simulator.Transports;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Integration;

/// <summary>The serial path on a real pty pair made by socat: the simulator writes one end, the bank reads the other.</summary>
[Collection(RealTime.Name)]
public sealed class SerialPtyTests(ITestOutputHelper output) : BankTestKit(output)
{
    private PtyPair _pty = null!;
    private SerialBusSimulator? _bus;

    public override async Task InitializeAsync() => _pty = Own(await PtyPair.StartAsync());

    public override async Task DisposeAsync()
    {
        Shutdown();
        if (_bus is not null) await _bus.DisposeAsync(); // still plugged in: an ordinary close
        await base.DisposeAsync();
    }

    private void StartBus(SimulatorOptions options)
    {
        _bus = new SerialBusSimulator(_pty.A, options);
        _bus.Start();
    }

    /// <summary>The adapter is pulled out while the bus keeps talking: both ptys vanish.</summary>
    private async Task PullThePlugAsync()
    {
        await _pty.KillAsync();
        // SerialBusSimulator.DisposeAsync can spin forever in SerialPort.Dispose (its Flush waits for a write queued on
        // the vanished device: the hang fixed in Core's SerialPortStream). Only its bus is stopped; the dead port is
        // left to the finalizer.
        await _bus!.Bus.DisposeAsync();
        _bus = null;
    }

    /// <summary>The adapter is plugged in again: the same path, a new pty, a bus behind it.</summary>
    private async Task PlugInAgainAsync(SimulatorOptions options)
    {
        await _pty.RestartAsync();
        StartBus(options);
    }

    private static AdapterConfig Serial(string id, int priority, string path, AdapterProtocol protocol = AdapterProtocol.JkPassive) =>
        new(id, protocol, new SerialTransport(path), Priority: priority,
            PollTimeout: TimeSpan.FromMilliseconds(300), PollGap: TimeSpan.FromMilliseconds(120));

    [Fact]
    public async Task A_serial_adapter_whose_pty_vanishes_faults_the_bank_fails_over_to_tcp_and_returns_when_it_is_back()
    {
        StartBus(PrimaryBus);
        var gateway = StartGateway(SecondaryBus);
        StartBank(BankOf(Serial(Primary, 1, _pty.B), ActiveTcp(Secondary, 2, gateway.LocalEndPoint)));
        var snapshot = await UntilAsync(Primary, Primary, Secondary);
        snapshot.Adapters[0].Description.Should().Be($"primary (jk-passive serial://{_pty.B}@115200, priority 1)");
        ExpectTelemetryFrom(Primary, AllPacks);
        ClearEvents();

        await PullThePlugAsync();

        ExpectState(Primary, AdapterState.Restarting);
        ExpectFailover(Primary, Secondary);
        ExpectTelemetryFrom(Secondary, AllPacks);
        var primary = (await SnapshotAsync()).Adapters.Single(a => a.Id == Primary);
        primary.State.Should().BeOneOf(AdapterState.Restarting, AdapterState.Failed, AdapterState.Connecting);
        primary.LastError.Should().NotBeNullOrEmpty();

        await PlugInAgainAsync(PrimaryBus);
        ExpectState(Primary, AdapterState.Healthy, TimeSpan.FromSeconds(15));
        ExpectFailover(Secondary, Primary, failback: true);
        ExpectTelemetryFrom(Primary, AllPacks);
    }

    [Fact]
    public async Task A_bank_with_only_a_serial_adapter_goes_down_when_its_pty_vanishes()
    {
        StartBus(PrimaryBus);
        StartBank(BankOf(Serial(Primary, 1, _pty.B)));
        var healthy = await UntilAsync(Primary, Primary);
        healthy.State.Should().Be(BankState.Healthy);
        ClearEvents();

        await PullThePlugAsync();

        States.FishForMessage<AdapterStateChanged>(e => e.AdapterId == Primary && e.To is AdapterState.Restarting or AdapterState.Failed, Generous);
        var down = Alarms.FishForMessage<BankAlarm>(a => a.Kind == BankAlarmKind.AllAdaptersDown, Generous);
        down.Cleared.Should().BeFalse();
        var snapshot = await SnapshotAsync();
        snapshot.State.Should().Be(BankState.Down);
        snapshot.Packs.Should().OnlyContain(p => p.Stale);
        snapshot.Totals.Stale.Should().BeTrue();
        Failovers.Drain<FailoverOccurred>().Should().BeEmpty();
    }

    [Fact]
    public async Task An_active_serial_adapter_recovers_once_its_pty_is_back()
    {
        StartBus(SecondaryBus); // no master: the adapter polls
        StartBank(BankOf(Serial(Primary, 1, _pty.B, AdapterProtocol.JkActive)));
        await UntilAsync(Primary, Primary);
        ExpectTelemetryFrom(Primary, AllPacks);
        ClearEvents();

        await PullThePlugAsync();
        ExpectState(Primary, AdapterState.Restarting);

        await PlugInAgainAsync(SecondaryBus);
        ExpectState(Primary, AdapterState.Healthy, TimeSpan.FromSeconds(15));
        ExpectTelemetryFrom(Primary, AllPacks);
        (await SnapshotAsync()).State.Should().Be(BankState.Healthy);
    }
}
