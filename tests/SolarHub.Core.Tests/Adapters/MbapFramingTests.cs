using SolarHub.Core.Adapters;
using SolarHub.Core.Adapters.Framing;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Protocol.Jk.Modbus;
using SolarHub.Simulator;

namespace SolarHub.Core.Tests.Adapters;

/// <summary>
/// Over Modbus TCP an answer is the pack's only by its transaction id: the one awaited is scanned and attributed to the
/// pack it asked, anything else is counted as discarded and never reaches the bank.
/// </summary>
public class MbapFramingTests
{
    private static readonly SimulatedBank Packs = new(new SimulatorOptions { Packs = 3, Master = false, Seed = 5 });

    private sealed class RecordingSink : IPackFrameSink
    {
        public List<(byte Address, double Voltage)> Cells { get; } = [];
        public List<byte> DeviceInfos { get; } = [];

        public void OnCellInfo(byte address, in CellInfo values) => Cells.Add((address, values.PackVoltage));
        public void OnDeviceInfo(byte address, in DeviceInfo info, JkLayout? detectedLayout) => DeviceInfos.Add(address);
    }

    /// <summary>What the simulated gateway sends back: the bus's answer (frame and acknowledgement) under the request's header.</summary>
    private static byte[] Answer(ushort transaction, byte unit, byte pack, ushort register = JkRegister.CellInfo)
    {
        var bus = new byte[1024];
        int length = Packs.AnswerPoll(bus, pack, register);
        var answer = new byte[MbapHeader.Size + length];
        new MbapHeader(transaction, 0, (ushort)(length + 1), unit).Write(answer);
        bus.AsSpan(0, length).CopyTo(answer.AsSpan(MbapHeader.Size));
        return answer;
    }

    private static ushort TransactionOf(byte[] poll) => (ushort)(poll[0] << 8 | poll[1]);

    private static (byte[] Poll, ushort Transaction) Poll(MbapFraming framing, byte pack)
    {
        var poll = new byte[framing.MaxPollLength];
        int length = framing.WritePoll(poll, pack, JkRegister.CellInfo);
        length.Should().Be(MbapHeader.PollLength);
        poll[6].Should().Be(pack, "the unit id is the pack's address");
        return (poll, TransactionOf(poll));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(4096)]
    public void The_awaited_answer_is_attributed_to_the_pack_asked_whatever_the_chunking(int chunk)
    {
        var framing = new MbapFraming();
        var reader = new BusFrameReader(JkLayout.JK02_32S);
        var sink = new RecordingSink();
        var (_, transaction) = Poll(framing, 2);

        var answer = Answer(transaction, 2, 2);
        foreach (var piece in answer.Chunk(chunk)) framing.Feed(piece, reader, sink, expectedAddress: 2);

        sink.Cells.Select(c => c.Address).Should().Equal((byte)2);
        reader.DiscardedBytes.Should().Be(0, "frame and acknowledgement are both recognised");
    }

    [Fact]
    public void A_late_answer_to_a_poll_given_up_is_discarded_and_counted_while_the_next_poll_s_answer_is_taken()
    {
        var framing = new MbapFraming();
        var reader = new BusFrameReader(JkLayout.JK02_32S);
        var sink = new RecordingSink();

        var (_, first) = Poll(framing, 1);
        framing.Abandon(); // the poll timed out
        var (_, second) = Poll(framing, 2);
        second.Should().NotBe(first);
        var late = Answer(first, 1, 1);
        var current = Answer(second, 2, 2);
        framing.Feed(late.Concat(current).ToArray(), reader, sink, expectedAddress: 2);

        sink.Cells.Select(c => c.Address).Should().Equal((byte)2);
        reader.DiscardedBytes.Should().Be(late.Length, "the late answer, header included, is counted");
    }

    [Fact]
    public void An_answer_under_the_awaited_transaction_but_another_unit_or_a_duplicate_is_not_taken()
    {
        var framing = new MbapFraming();
        var reader = new BusFrameReader(JkLayout.JK02_32S);
        var sink = new RecordingSink();
        var (_, transaction) = Poll(framing, 3);

        var wrongUnit = Answer(transaction, 1, 1);
        framing.Feed(wrongUnit, reader, sink, expectedAddress: 3);
        sink.Cells.Should().BeEmpty("a frame from unit 1 must never be read as pack 3's");

        var right = Answer(transaction, 3, 3);
        framing.Feed(right, reader, sink, expectedAddress: 3);
        framing.Abandon(); // answered: the poller lets go of the transaction
        framing.Feed(right, reader, sink, expectedAddress: -1);

        sink.Cells.Select(c => c.Address).Should().Equal((byte)3);
        reader.DiscardedBytes.Should().Be(wrongUnit.Length + right.Length);
    }

    [Fact]
    public void A_gateway_that_splits_frame_and_acknowledgement_into_two_answers_still_gets_the_frame_attributed()
    {
        var framing = new MbapFraming();
        var reader = new BusFrameReader(JkLayout.JK02_32S);
        var sink = new RecordingSink();
        var (_, transaction) = Poll(framing, 1);
        var whole = Answer(transaction, 1, 1);
        var frame = whole.AsSpan(MbapHeader.Size, JkFrame.Length).ToArray();
        var acknowledgement = whole.AsSpan(MbapHeader.Size + JkFrame.Length).ToArray();

        foreach (var payload in new[] { frame, acknowledgement })
        {
            var part = new byte[MbapHeader.Size + payload.Length];
            new MbapHeader(transaction, 0, (ushort)(payload.Length + 1), 1).Write(part);
            payload.CopyTo(part, MbapHeader.Size);
            framing.Feed(part, reader, sink, expectedAddress: 1);
        }

        sink.Cells.Select(c => c.Address).Should().Equal((byte)1);
    }
}
