using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Adapters;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Tests.Support;
using SolarHub.Simulator;
using Xunit.Abstractions;

namespace SolarHub.Core.Tests.Integration;

/// <summary>
/// Real sockets on 127.0.0.1 to the simulator playing a converter in "Modbus TCP to RTU" mode: it forwards only the
/// answers to the hub's own polls, each under its request's transaction id.
/// </summary>
[Collection(RealTime.Name)]
public sealed class ModbusTcpGatewayTests(ITestOutputHelper output) : BankTestKit(output)
{
    [Fact]
    public async Task An_active_adapter_polls_three_packs_through_a_modbus_tcp_gateway_and_gets_fresh_telemetry_for_each()
    {
        var gateway = StartModbusGateway(SecondaryBus);

        StartBank(BankOf(ActiveModbusTcp(Secondary, 1, gateway.LocalEndPoint)));

        ExpectState(Secondary, AdapterState.Receiving).Reason.Should().Be($"connected to tcp+modbus://127.0.0.1:{gateway.LocalEndPoint.Port}");
        ExpectTelemetryFrom(Secondary, AllPacks);
        var snapshot = await UntilAsync(Secondary, Secondary);
        var adapter = snapshot.Adapters.Single();
        adapter.Transport.Should().Be($"tcp+modbus://127.0.0.1:{gateway.LocalEndPoint.Port}");
        adapter.Description.Should().Be($"secondary (jk-active tcp+modbus://127.0.0.1:{gateway.LocalEndPoint.Port}, priority 1)");
        snapshot.Packs.Should().OnlyContain(p => !p.Stale).And.HaveCount(3);
        gateway.Answers.Should().BeGreaterThanOrEqualTo(3);
        gateway.UnsolicitedBytes.Should().Be(0, "an active bus says nothing unasked");
    }

    [Fact]
    public async Task A_bank_fails_over_from_a_passive_raw_tcp_primary_to_a_modbus_tcp_secondary_when_the_primary_resets_and_fails_back()
    {
        var primary = StartGateway(PrimaryBus);
        var secondary = StartModbusGateway(SecondaryBus);
        StartBank(BankOf(PassiveTcp(Primary, 1, primary.LocalEndPoint), ActiveModbusTcp(Secondary, 2, secondary.LocalEndPoint)));
        await UntilAsync(Primary, Primary, Secondary);
        ClearEvents();

        primary.Faults.ResetConnections().Should().Be(1);

        ExpectFailover(Primary, Secondary).Reason.Should().StartWith("primary lost its connection:");
        ExpectTelemetryFrom(Secondary, AllPacks);
        var healthyAgain = ExpectState(Primary, AdapterState.Healthy);
        var failback = ExpectFailover(Secondary, Primary, failback: true);
        (failback.At - healthyAgain.At).Should().BeGreaterThanOrEqualTo(Timings.FailbackHoldDown);
        ExpectTelemetryFrom(Primary, AllPacks);
        (await SnapshotAsync()).ActiveAdapter.Should().Be(Primary);
    }

    [Fact]
    public void Answers_that_arrive_after_the_poll_timeout_are_discarded_and_counted_never_attributed()
    {
        // Every pack answers 500 ms after the poll; the gateway waits 2 s for it, the poller only 200 ms.
        var gateway = StartModbusGateway(SecondaryBus with { AnswerDelay = TimeSpan.FromMilliseconds(500) }, responseTimeout: TimeSpan.FromSeconds(2));
        var adapter = ActiveModbusTcp(Secondary, 1, gateway.LocalEndPoint) with { PollTimeout = TimeSpan.FromMilliseconds(200) };
        var bank = CreateTestProbe();
        var poller = Sys.ActorOf(JkActivePoller.Props(adapter, [new PackConfig(1), new PackConfig(2), new PackConfig(3)], bank.Ref,
            BusTransports.For(adapter.Transport), Timings, Settings));

        long discarded = 0, attributed = 0;
        AwaitAssert(() =>
        {
            poller.Tell(ReportHeartbeat.Instance); // as the bank does on its tick: the discarded bytes come with the beat
            foreach (var message in bank.ReceiveWhile<object>(TimeSpan.FromMilliseconds(150), m => m))
            {
                if (message is AdapterFaulted fault) throw new InvalidOperationException($"the poller faulted: {fault.Reason}");
                if (message is not AdapterHeartbeat beat) continue;
                attributed += beat.Readings.Count + beat.DeviceInfos.Count;
                discarded += beat.DiscardedBytes;
            }
            gateway.Answers.Should().BeGreaterThanOrEqualTo(3);
            discarded.Should().BeGreaterThanOrEqualTo(3 * (7 + 308), "three late answers, header, frame and acknowledgement each");
        }, Generous, TimeSpan.FromMilliseconds(50));

        attributed.Should().Be(0, "a late answer must never be read as the pack polled now");
    }

    [Fact]
    public void A_passive_adapter_on_a_modbus_tcp_gateway_that_skipped_validation_faults_saying_it_would_only_hear_silence()
    {
        var gateway = StartModbusGateway(SecondaryBus);
        var adapter = new AdapterConfig(Primary, AdapterProtocol.JkPassive, new ModbusTcpTransport("127.0.0.1", gateway.LocalEndPoint.Port));
        var bank = CreateTestProbe();

        Sys.ActorOf(JkBusListener.Props(adapter, bank.Ref, BusTransports.For(adapter.Transport), Timings, Settings));

        var fault = bank.FishForMessage<AdapterFaulted>(_ => true, Generous);
        fault.Reason.Should().Be($"tcp+modbus://127.0.0.1:{gateway.LocalEndPoint.Port} is a Modbus TCP gateway, which forwards only answers to polls: " +
            "a passive adapter would only ever hear silence (make it jk-active)");
    }

    [Fact]
    public async Task A_strict_converter_that_drops_the_jk_frame_leaves_the_adapter_silent_with_discarded_bytes_growing()
    {
        // The behaviour docs/running.md describes for a converter that forwards only standard Modbus replies.
        var gateway = Own(new ModbusTcpGatewaySimulator(SecondaryBus) { ForwardsOnlyModbusReplies = true });
        gateway.Start();

        StartBank(BankOf(ActiveModbusTcp(Secondary, 1, gateway.LocalEndPoint)));

        ExpectState(Secondary, AdapterState.Silent).Reason.Should().StartWith("no valid frame for");
        var adapter = (await SnapshotAsync()).Adapters.Single();
        adapter.Frames.Should().Be(0);
        adapter.DiscardedBytes.Should().BeGreaterThan(0, "the acknowledgements came back, and hold no frame");
        gateway.Answers.Should().BeGreaterThan(0);
        Packs.Drain<PackTelemetry>().Should().BeEmpty();
    }
}
