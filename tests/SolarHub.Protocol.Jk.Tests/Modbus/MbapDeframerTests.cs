using SolarHub.Protocol.Jk.Modbus;

namespace SolarHub.Protocol.Jk.Tests.Modbus;

/// <summary>Headers found in any chunking, payloads passed through as slices, and out-of-step bytes skipped.</summary>
public class MbapDeframerTests
{
    private static byte[] Answer(ushort transaction, byte unit, byte[] payload)
    {
        var bytes = new byte[MbapHeader.Size + payload.Length];
        new MbapHeader(transaction, 0, (ushort)(payload.Length + 1), unit).Write(bytes);
        payload.CopyTo(bytes, MbapHeader.Size);
        return bytes;
    }

    private static byte[] Payload(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(seed + i)).ToArray();

    private sealed record Piece(MbapSegmentKind Kind, ushort Transaction, byte Unit, byte[] Bytes, int Count);

    /// <summary>Every segment of <paramref name="stream"/> fed in chunks of <paramref name="chunk"/> bytes, payloads merged per answer.</summary>
    private static List<Piece> Deframe(byte[] stream, int chunk, MbapDeframer? deframer = null)
    {
        deframer ??= new MbapDeframer();
        var pieces = new List<Piece>();
        var payload = new List<byte>();
        for (int at = 0; at < stream.Length; at += chunk)
        {
            ReadOnlySpan<byte> data = stream.AsSpan(at, Math.Min(chunk, stream.Length - at));
            while (deframer.Next(ref data, out var segment))
            {
                switch (segment.Kind)
                {
                    case MbapSegmentKind.Payload:
                        payload.AddRange(segment.Payload.ToArray());
                        break;
                    case MbapSegmentKind.End:
                        pieces.Add(new Piece(MbapSegmentKind.Payload, segment.TransactionId, segment.UnitId, [.. payload], segment.Bytes));
                        payload.Clear();
                        break;
                    default:
                        pieces.Add(new Piece(segment.Kind, 0, 0, [], segment.Bytes));
                        break;
                }
            }
            data.IsEmpty.Should().BeTrue("a false Next means the input is used up");
        }
        return pieces;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(300)]
    [InlineData(10_000)]
    public void Answers_come_out_whole_with_their_transaction_and_unit_whatever_the_chunking(int chunk)
    {
        byte[] first = Payload(308, 0x40), second = Payload(5, 0x10);
        var stream = Answer(7, 1, first).Concat(Answer(8, 2, second)).ToArray();

        var pieces = Deframe(stream, chunk);

        pieces.Should().HaveCount(2);
        pieces[0].Should().Match<Piece>(p => p.Transaction == 7 && p.Unit == 1 && p.Count == 315);
        pieces[0].Bytes.Should().Equal(first);
        pieces[1].Should().Match<Piece>(p => p.Transaction == 8 && p.Unit == 2 && p.Count == 12);
        pieces[1].Bytes.Should().Equal(second);
    }

    [Fact]
    public void Bytes_that_cannot_start_a_header_are_skipped_one_by_one_until_a_real_header()
    {
        byte[] payload = Payload(20, 0x55);
        // Two bytes of noise before a real answer: the headers read at them have a protocol id other than 0.
        var stream = new byte[] { 0xAB, 0xCD }.Concat(Answer(0x0102, 4, payload)).ToArray();

        var pieces = Deframe(stream, chunk: 3);

        pieces.Should().HaveCount(3);
        pieces.Take(2).Should().OnlyContain(p => p.Kind == MbapSegmentKind.Skipped && p.Count == 1);
        pieces[2].Should().Match<Piece>(p => p.Transaction == 0x0102 && p.Unit == 4);
        pieces[2].Bytes.Should().Equal(payload);
    }

    [Fact]
    public void A_payload_is_a_slice_of_the_input_not_a_copy()
    {
        var stream = Answer(1, 1, Payload(10, 0));
        var deframer = new MbapDeframer();
        ReadOnlySpan<byte> data = stream;

        deframer.Next(ref data, out var segment).Should().BeTrue();

        segment.Kind.Should().Be(MbapSegmentKind.Payload);
        segment.Payload.Overlaps(stream).Should().BeTrue();
    }

    [Fact]
    public void Deframing_allocates_nothing()
    {
        var stream = Enumerable.Range(0, 50).SelectMany(i => Answer((ushort)i, (byte)(i % 16), Payload(308, (byte)i))).ToArray();
        var deframer = new MbapDeframer();
        long Run()
        {
            long payloadBytes = 0;
            for (int at = 0; at < stream.Length; at += 97)
            {
                ReadOnlySpan<byte> data = stream.AsSpan(at, Math.Min(97, stream.Length - at));
                while (deframer.Next(ref data, out var segment))
                    if (segment.Kind == MbapSegmentKind.Payload) payloadBytes += segment.Payload.Length;
            }
            return payloadBytes;
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        total.Should().Be(50 * 308);
        allocated.Should().Be(0);
        deframer.Answers.Should().Be(100);
    }
}
