using System.Net.Sockets;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Simulator.Tests.Support;

namespace SolarHub.Simulator.Tests;

public class TcpGatewayTests
{
    [Fact]
    public async Task Every_client_sees_exactly_the_frames_the_bus_sent()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await using var b = await BusListener.ConnectAsync(gateway.LocalEndPoint);

        var events = await a.WaitForAsync(ev =>
            ev.Count(e => e.IsFrame && e.FrameType == JkFrameType.DeviceInfo) >= 3 && ev.Count(e => e.IsFrame) >= 60, "60 frames with device info");
        var eventsB = await b.WaitForFramesAsync(30);

        events.Should().NotContain(e => e.Kind == BusEventKind.Discarded);
        Sim.ShouldBeExactlyWhatWasSent(events, gateway.Bus.Sent);
        Sim.ShouldBeExactlyWhatWasSent(eventsB, gateway.Bus.Sent);

        var frames = events.Where(e => e.IsFrame).ToList();
        frames.Select(f => f.Address).Distinct().Order().Should().Equal(1, 2, 3);
        foreach (var pack in frames.GroupBy(f => f.Address))
        {
            var counters = pack.Select(f => f.Counter).ToList();
            counters.Zip(counters.Skip(1)).Should().OnlyContain(p => (byte)(p.First + 1) == p.Second, "each pack's counter rolls by one per frame");
        }
        foreach (var f in frames.Where(f => f.FrameType == JkFrameType.CellInfo))
        {
            CellInfoDecoder.TryDecode(f.Frame, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);
            info.CellCount.Should().Be(16);
            info.PackVoltageMv.Should().Be((uint)Enumerable.Range(0, 16).Sum(i => info.CellVoltagesMv[i]));
        }
        var device = frames.First(f => f.FrameType == JkFrameType.DeviceInfo);
        DeviceInfoDecoder.TryDecode(device.Frame, out var di).Should().Be(DecodeStatus.Ok);
        di.Model.Should().Be("JK_PB2A16S20P");
        di.SerialNumber.Should().Be(gateway.Bus.Bank.Snapshot(device.Address).SerialNumber);
        gateway.ConnectionCount.Should().Be(2);
    }

    [Fact]
    public async Task Reset_gives_the_client_a_connection_reset_and_new_clients_work()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(3);

        gateway.Faults.ResetConnections().Should().Be(1);

        var closed = await a.Closed.WaitAsync(Wait.Default);
        closed.Should().BeOfType<SocketException>().Which.SocketErrorCode.Should().Be(SocketError.ConnectionReset);
        await Wait.UntilAsync(() => gateway.ConnectionCount == 0, "the gateway to forget the connection");

        await using var b = await BusListener.ConnectAsync(gateway.LocalEndPoint);
        await b.WaitForFramesAsync(3);
    }

    [Fact]
    public async Task Silence_keeps_the_socket_open_with_no_bytes_until_cleared()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(3);

        gateway.Faults.Silence();
        await Wait.ForPollsAsync(gateway.Bus, 5);
        await Wait.UntilAsync(() => a.BytesReceived == gateway.BytesSent, "the client to catch up");
        long received = a.BytesReceived;
        await Wait.ForPollsAsync(gateway.Bus, 20);

        a.BytesReceived.Should().Be(received);
        gateway.BytesSent.Should().Be(received);
        a.Closed.IsCompleted.Should().BeFalse();
        a.Socket!.Poll(0, SelectMode.SelectRead).Should().BeFalse("nothing to read and no FIN: half-open");
        gateway.ConnectionCount.Should().Be(1);

        gateway.Faults.Clear(FaultKind.Silence);
        await a.WaitForFramesAsync(3, after: a.EventCount);
    }

    [Fact]
    public async Task Accept_then_silence_mutes_new_connections_only()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(1);

        gateway.Faults.SilenceNewConnections();
        await using var mute = await BusListener.ConnectAsync(gateway.LocalEndPoint);
        await Wait.UntilAsync(() => gateway.ConnectionsAccepted == 2, "the gateway to accept");
        await a.WaitForFramesAsync(6, after: a.EventCount);
        gateway.Faults.Clear(FaultKind.SilenceNewConnections);
        await using var c = await BusListener.ConnectAsync(gateway.LocalEndPoint);
        await c.WaitForFramesAsync(6);

        mute.BytesReceived.Should().Be(0);
        mute.Closed.IsCompleted.Should().BeFalse();
        mute.Socket!.Poll(0, SelectMode.SelectRead).Should().BeFalse();
        gateway.ConnectionCount.Should().Be(3);
    }

    [Fact]
    public async Task Drip_sends_one_byte_at_a_time_and_frames_still_arrive()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(2);

        var perByte = TimeSpan.FromMilliseconds(1);
        gateway.Faults.Drip(perByte);
        int mark = a.ReadSizes.Count;
        await Wait.UntilAsync(() => a.ReadSizes.Skip(mark).Any(s => s == 1), "the first dripped byte");
        int firstDrip = mark + a.ReadSizes.Skip(mark).ToList().IndexOf(1);
        var started = DateTime.UtcNow;
        long startBytes = a.BytesReceived;
        int events = a.EventCount;
        await a.WaitForFramesAsync(2, after: events); // the first may have been half sent before the drip began
        var elapsed = DateTime.UtcNow - started;
        long dripped = a.BytesReceived - startBytes;

        dripped.Should().BeGreaterThanOrEqualTo(300);
        elapsed.Should().BeGreaterThanOrEqualTo(perByte * (dripped - 1) * 0.8, "one byte per interval at most (timer ticks allow a little slack)");
        a.ReadSizes.Skip(firstDrip).Average().Should().BeLessThan(1.5, "reads see the bytes one by one");
        a.Frames.Should().OnlyContain(f => f.ChecksumValid);

        gateway.Faults.Clear(FaultKind.Drip);
        await a.WaitForFramesAsync(5, after: a.EventCount);
    }

    [Fact]
    public async Task Garbage_is_discarded_by_the_scanner_and_frames_keep_arriving()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(2);

        gateway.Faults.InjectGarbage(200);
        var events = await a.WaitForAsync(ev =>
        {
            int discarded = 0, framesAfter = 0;
            foreach (var e in ev)
            {
                if (e.Kind == BusEventKind.Discarded) discarded += e.DiscardedBytes;
                else if (e.IsFrame && discarded >= 200) framesAfter++;
            }
            return framesAfter >= 3;
        }, "200 discarded bytes then 3 frames");

        events.Where(e => e.Kind == BusEventKind.Discarded).Sum(e => e.DiscardedBytes).Should().Be(200);
        events.Where(e => e.IsFrame).Should().OnlyContain(f => f.ChecksumValid && f.HasAddress);
        gateway.Bus.Statistics.GarbageBytes.Should().Be(200);
        Sim.ShouldBeExactlyWhatWasSent(events, gateway.Bus.Sent);
    }

    [Fact]
    public async Task Corrupt_checksums_show_up_as_invalid_frames()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(2);
        int mark = a.EventCount;

        gateway.Faults.CorruptChecksums(3);
        var events = await a.WaitForAsync(ev =>
        {
            var after = ev.Skip(mark).Where(e => e.IsFrame).ToList();
            int lastBad = after.FindLastIndex(f => !f.ChecksumValid);
            return after.Count(f => !f.ChecksumValid) == 3 && after.Count - lastBad > 3;
        }, "3 bad frames, then good ones");

        var frames = events.Skip(mark).Where(e => e.IsFrame).ToList();
        var bad = frames.Where(f => !f.ChecksumValid).ToList();
        bad.Should().OnlyContain(f => f.HasAddress && f.Address >= 1 && f.Address <= 3);
        int first = frames.FindIndex(f => !f.ChecksumValid);
        frames.Skip(first).Take(3).Should().OnlyContain(f => !f.ChecksumValid, "three consecutive frames were corrupted");
        Sim.ShouldBeExactlyWhatWasSent(events, gateway.Bus.Sent);
        gateway.Bus.Statistics.CorruptedChecksums.Should().Be(3);
    }

    [Fact]
    public async Task Corrupt_crcs_lose_polls_and_acks_but_not_frames()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(2);
        int mark = a.EventCount;

        gateway.Faults.CorruptCrcs(4);
        var events = await a.WaitForAsync(ev =>
            ev.Skip(mark).Where(e => e.Kind == BusEventKind.Discarded).Sum(e => e.DiscardedBytes) >= 38
            && ev.Skip(mark).Count(e => e.Kind == BusEventKind.Acknowledgement) >= 5, "4 lost messages then normal traffic");

        var after = events.Skip(mark).ToList();
        after.Where(e => e.Kind == BusEventKind.Discarded).Sum(e => e.DiscardedBytes).Should().Be(2 * 11 + 2 * 8);
        after.Where(e => e.IsFrame).Should().OnlyContain(f => f.ChecksumValid);
        after.Should().Contain(f => f.IsFrame && !f.HasAddress, "a frame between a bad poll and a bad ack has no address");
        gateway.Bus.Statistics.CorruptedCrcs.Should().Be(4);
    }

    [Fact]
    public async Task Split_and_merged_writes_still_carry_every_frame()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(2);

        gateway.Faults.SplitWrites(5);
        await Wait.ForPollsAsync(gateway.Bus, 3);
        long writes = gateway.Writes, bytes = gateway.BytesSent;
        int mark = a.EventCount;
        await a.WaitForFramesAsync(10, after: mark);
        (gateway.Writes - writes).Should().BeGreaterThanOrEqualTo((gateway.BytesSent - bytes) / 5, "no write is longer than 5 bytes");

        gateway.Faults.Clear(FaultKind.SplitWrites);
        gateway.Faults.MergeWrites(4);
        await Wait.ForPollsAsync(gateway.Bus, 3);
        writes = gateway.Writes;
        long messages = Messages(gateway.Bus.Statistics);
        int reads = a.ReadSizes.Count;
        mark = a.EventCount;
        await Wait.ForPollsAsync(gateway.Bus, 30);
        await a.WaitForFramesAsync(10, after: mark);
        (gateway.Writes - writes).Should().BeLessThan((Messages(gateway.Bus.Statistics) - messages) / 2, "several messages per write");
        a.ReadSizes.Skip(reads).Should().Contain(s => s > 319, "a merged write holds more than one transaction");

        var events = a.Events;
        events.Should().NotContain(e => e.Kind == BusEventKind.Discarded);
        Sim.ShouldBeExactlyWhatWasSent(events, gateway.Bus.Sent);

        static long Messages(SimulatorStatistics s) => s.Polls + s.DataFrames + s.Acknowledgements;
    }

    [Fact]
    public async Task Whole_transactions_go_out_as_one_write_each_and_still_carry_every_frame()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync(Sim.Fast() with { WholeTransactions = true });
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        var events = await a.WaitForFramesAsync(30);

        // Every transaction (poll, frame, acknowledgement) is one write: as many writes as polls, never three per poll.
        long writes = gateway.Writes, polls = gateway.Bus.Statistics.Polls; // in this order: a write follows its poll
        writes.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(polls);
        a.ReadSizes.Should().Contain(ModbusMessages.PollLength + JkFrame.Length + ModbusMessages.AcknowledgementLength,
            "a read holds a whole transaction");
        events.Should().NotContain(e => e.Kind == BusEventKind.Discarded);
        Sim.ShouldBeExactlyWhatWasSent(events, gateway.Bus.Sent);

        // A transport fault still applies: dripping writes one byte at a time.
        gateway.Faults.Drip(TimeSpan.FromMilliseconds(1));
        await Wait.ForPollsAsync(gateway.Bus, 2);
        writes = gateway.Writes;
        long bytes = gateway.BytesSent;
        await Wait.UntilAsync(() => gateway.BytesSent - bytes >= 50, "50 dripped bytes");
        long dripWrites = gateway.Writes - writes, dripBytes = gateway.BytesSent - bytes;
        dripWrites.Should().BeGreaterThanOrEqualTo(dripBytes - 2, "one byte per write (the counters are read a moment apart)");
    }

    [Fact]
    public async Task A_missing_pack_stops_answering_while_the_others_continue()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForAsync(ev => ev.Where(e => e.IsFrame).Select(e => e.Address).Distinct().Count() == 3, "all packs");

        gateway.Faults.MakePackMissing(2);
        var events = await a.WaitForAsync(ev =>
        {
            int i = Sim.UnansweredPoll(ev, 2);
            return i >= 0 && ev.Skip(i).Count(e => e.IsFrame && e.Address == 1) >= 3 && ev.Skip(i).Count(e => e.IsFrame && e.Address == 3) >= 3
                && Sim.UnansweredPoll(ev, 2, i + 1) > 0;
        }, "polls for pack 2 going unanswered while 1 and 3 answer");

        int from = Sim.UnansweredPoll(events, 2);
        events.Skip(from).Should().NotContain(e => e.IsFrame && e.Address == 2);
        events.Skip(from).Should().Contain(e => e.Kind == BusEventKind.Poll && e.Address == 2, "the master keeps polling it");

        gateway.Faults.RestorePack(2);
        await a.WaitForFramesAsync(1, after: a.EventCount, where: f => f.Address == 2);
    }

    [Fact]
    public async Task Changed_values_show_up_in_decoded_frames()
    {
        var (gateway, a) = await Sim.GatewayWithClientAsync();
        await using var gatewayScope = gateway;
        await using var clientScope = a;
        await a.WaitForFramesAsync(2);

        gateway.Faults.SetPackValues(1, new PackOverrides { Soc = 17, CurrentMa = -42_000 });
        var events = await a.WaitForAsync(ev => ev.Count(e => Pinned(e, out _)) >= 3, "3 frames of pack 1 with the new values");

        foreach (var e in events.SkipWhile(e => !Pinned(e, out _)).Where(e => e.IsFrame && e.Address == 1 && e.FrameType == JkFrameType.CellInfo))
        {
            Pinned(e, out var info).Should().BeTrue("once applied, the values stay");
            info.PowerMw.Should().Be((uint)((long)info.PackVoltageMv * 42_000 / 1000));
            info.Power.Should().BeNegative();
        }

        gateway.Faults.ClearPackValues(1);
        gateway.Faults.PackValues(1).Should().BeNull();

        static bool Pinned(ReceivedEvent e, out CellInfo info)
        {
            info = default;
            return e.IsFrame && e.Address == 1 && e.FrameType == JkFrameType.CellInfo
                && CellInfoDecoder.TryDecode(e.Frame, JkLayout.JK02_32S, out info) == DecodeStatus.Ok
                && info.Soc == 17 && info.CurrentMa == -42_000;
        }
    }

    [Fact]
    public async Task Without_pacing_the_bus_waits_for_a_client_and_never_drops_a_frame()
    {
        var options = Sim.Fast() with { PollInterval = TimeSpan.Zero };
        var (gateway, a) = await Sim.GatewayWithClientAsync(options);
        await using var gatewayScope = gateway;
        await using var clientScope = a;

        var events = await a.WaitForFramesAsync(500);

        // The bus held until the client was there, then applied backpressure: the client saw every frame from the first.
        var sent = gateway.Bus.Sent.Snapshot();
        events.Where(e => e.IsFrame).First().Frame.Should().Equal(sent[0].Bytes);
        Sim.ShouldBeExactlyWhatWasSent(events, gateway.Bus.Sent);
    }

    [Fact]
    public async Task A_second_gateway_cannot_take_a_port_in_use()
    {
        await using var first = new TcpGatewaySimulator(Sim.Fast());
        first.Start();
        await using var second = new TcpGatewaySimulator(Sim.Fast(), first.LocalEndPoint);
        var start = () => second.Start();
        start.Should().Throw<SocketException>().Which.SocketErrorCode.Should().Be(SocketError.AddressAlreadyInUse);
    }

    [Fact]
    public async Task Dispose_closes_clients_and_the_listener()
    {
        var gateway = new TcpGatewaySimulator(Sim.Fast());
        gateway.Start();
        var endPoint = gateway.LocalEndPoint;
        await using var a = await BusListener.ConnectAsync(endPoint);
        await a.WaitForFramesAsync(1);

        await gateway.DisposeAsync();

        (await a.Closed.WaitAsync(Wait.Default)).Should().BeNull("a clean close is an EOF");
        gateway.Bus.IsRunning.Should().BeFalse();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var connect = async () => await socket.ConnectAsync(endPoint);
        (await connect.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
    }
}
