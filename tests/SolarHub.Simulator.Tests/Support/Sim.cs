using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator.Tests.Support;

public static class Sim
{
    /// <summary>A fast bus for tests: a poll every ~5 ms, every frame kept in the sent log.</summary>
    public static SimulatorOptions Fast(bool master = true) => new()
    {
        Packs = 3,
        PollInterval = TimeSpan.FromMilliseconds(5),
        PollJitter = TimeSpan.FromMilliseconds(1),
        SentLogCapacity = 20_000,
        Master = master,
    };

    public static async Task<(TcpGatewaySimulator Gateway, BusListener Client)> GatewayWithClientAsync(SimulatorOptions? options = null)
    {
        var gateway = new TcpGatewaySimulator(options ?? Fast());
        gateway.Start();
        var client = await BusListener.ConnectAsync(gateway.LocalEndPoint);
        return (gateway, client);
    }

    /// <summary>
    /// The received frames are a contiguous run of what the bus sent: same bytes, same order, attributed to the
    /// pack that sent them, nothing lost, nothing added.
    /// </summary>
    public static void ShouldBeExactlyWhatWasSent(IReadOnlyList<ReceivedEvent> received, SentFrameLog log)
    {
        var frames = received.Where(e => e.IsFrame).ToList();
        frames.Should().NotBeEmpty();
        var sent = log.Snapshot();
        int start = -1;
        for (int i = 0; i < sent.Count && start < 0; i++)
            if (sent[i].Bytes.AsSpan().SequenceEqual(frames[0].Frame)) start = i;
        start.Should().BeGreaterThanOrEqualTo(0, "the first received frame must be one the bus sent");
        (sent.Count - start).Should().BeGreaterThanOrEqualTo(frames.Count);
        for (int k = 0; k < frames.Count; k++)
        {
            var expected = sent[start + k];
            frames[k].Frame.Should().Equal(expected.Bytes, $"frame {k} must be frame #{expected.Sequence} sent");
            frames[k].HasAddress.Should().BeTrue();
            frames[k].Address.Should().Be(expected.Address);
            frames[k].ChecksumValid.Should().Be(!expected.ChecksumCorrupted);
        }
    }

    public static byte[] Poll(byte address, ushort register = JkRegister.CellInfo) => ModbusMessages.Poll(address, register);

    /// <summary>Index of a poll for <paramref name="address"/> that the next event shows went unanswered, or -1.</summary>
    public static int UnansweredPoll(IReadOnlyList<ReceivedEvent> events, byte address, int from = 0)
    {
        for (int i = from; i < events.Count - 1; i++)
            if (events[i].Kind == BusEventKind.Poll && events[i].Address == address && events[i + 1].Kind == BusEventKind.Poll)
                return i;
        return -1;
    }
}
