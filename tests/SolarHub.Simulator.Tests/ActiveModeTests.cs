using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Simulator.Tests.Support;

namespace SolarHub.Simulator.Tests;

public class ActiveModeTests
{
    [Fact]
    public async Task A_poll_gets_exactly_one_frame_and_ack_and_absent_addresses_get_nothing()
    {
        var (gateway, client) = await Sim.GatewayWithClientAsync(Sim.Fast(master: false));
        await using var gatewayScope = gateway;
        await using var clientScope = client;

        await client.SendAsync(Sim.Poll(2));
        var events = await client.WaitForAsync(ev => ev.Any(e => e.Kind == BusEventKind.Acknowledgement), "the answer");
        events.Should().HaveCount(2);
        events[0].Should().Match<ReceivedEvent>(e => e.IsFrame && e.Address == 2 && e.HasAddress && e.ChecksumValid && e.FrameType == JkFrameType.CellInfo);
        events[1].Should().Match<ReceivedEvent>(e => e.Kind == BusEventKind.Acknowledgement && e.Address == 2 && e.Register == JkRegister.CellInfo);
        client.BytesReceived.Should().Be(308);
        CellInfoDecoder.TryDecode(events[0].Frame, JkLayout.JK02_32S, out var info).Should().Be(DecodeStatus.Ok);
        info.CellCount.Should().Be(16);

        // Answers come in poll order: once pack 1 has answered, the absent pack 9 certainly did not.
        await client.SendAsync(Sim.Poll(9));
        await client.SendAsync(Sim.Poll(1, JkRegister.DeviceInfo));
        events = await client.WaitForAsync(ev => ev.Count(e => e.Kind == BusEventKind.Acknowledgement) == 2, "pack 1's answer");
        events.Skip(2).Select(e => (e.Kind, e.Address)).Should().Equal((BusEventKind.DataFrame, (byte)1), (BusEventKind.Acknowledgement, (byte)1));
        events[2].FrameType.Should().Be(JkFrameType.DeviceInfo);
        client.BytesReceived.Should().Be(2 * 308);
        gateway.Bus.Statistics.UnansweredPolls.Should().Be(1);
        gateway.Bus.Statistics.Polls.Should().Be(3);
        Sim.ShouldBeExactlyWhatWasSent(events, gateway.Bus.Sent);
    }

    [Fact]
    public async Task Polls_split_across_writes_are_answered_and_missing_packs_stay_silent()
    {
        var (gateway, client) = await Sim.GatewayWithClientAsync(Sim.Fast(master: false));
        await using var gatewayScope = gateway;
        await using var clientScope = client;
        gateway.Faults.MakePackMissing(3);

        var poll = Sim.Poll(3, JkRegister.Settings).Concat(Sim.Poll(1, JkRegister.Settings)).ToArray();
        foreach (var piece in poll.Chunk(3)) await client.SendAsync(piece);

        var events = await client.WaitForAsync(ev => ev.Any(e => e.Kind == BusEventKind.Acknowledgement), "pack 1's answer");
        events.Select(e => (e.Kind, e.Address)).Should().Equal((BusEventKind.DataFrame, (byte)1), (BusEventKind.Acknowledgement, (byte)1));
        SettingsDecoder.TryDecode(events[0].Frame, JkLayout.JK02_32S, out var settings).Should().Be(DecodeStatus.Ok);
        settings.DeviceAddress.Should().Be(1);
        client.BytesReceived.Should().Be(308);
    }

    [Fact]
    public async Task Garbage_goes_out_even_when_nobody_polls()
    {
        var (gateway, client) = await Sim.GatewayWithClientAsync(Sim.Fast(master: false));
        await using var gatewayScope = gateway;
        await using var clientScope = client;
        await Wait.UntilAsync(() => gateway.ConnectionCount == 1, "the connection");

        gateway.Faults.InjectGarbage(16);

        await Wait.UntilAsync(() => client.BytesReceived == 16, "16 garbage bytes");
    }
}
