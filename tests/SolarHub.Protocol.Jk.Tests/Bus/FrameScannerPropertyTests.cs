using CsCheck;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Protocol.Jk.Checksums;
using SolarHub.Protocol.Jk.Tests.Support;
using static SolarHub.Protocol.Jk.Tests.Support.MutatedTraffic;

namespace SolarHub.Protocol.Jk.Tests.Bus;

/// <summary>Whatever arrives, in whatever pieces: the scanner never throws, stays within its buffer and accounts for every byte.</summary>
public class FrameScannerPropertyTests
{
    private static readonly byte[][] Frames = RealFrames.All.Where(f => f.IsExactly300Bytes).Select(f => f.Frame).ToArray();

    /// <summary>Chunk sizes, used in turn until the stream is fed: from single bytes to several messages at once.</summary>
    private static readonly Gen<int[]> Chunking = Gen.Int[1, 700].Array[1, 12];

    /// <summary>Bytes biased towards those that start or shape messages, so random input reaches the deeper paths.</summary>
    private static readonly Gen<byte> BusLikeByte = Gen.Frequency(
        (6, (IGen<byte>)Gen.Byte),
        (1, Gen.OneOf<byte>(0x55, 0xAA, 0xEB, 0x90, 0x10, 0x16, 0x20, 0x00, 0x01, 0x02)));

    private static readonly Gen<Transaction> RealTransaction =
        Gen.Select(Gen.Byte[0, 15], Gen.Int[0, Frames.Length - 1], (address, frame) => new Transaction(address, Frames[frame]));

    private static readonly Gen<Mutation> RandomMutation =
        Gen.Select(Gen.Enum<Damage>(), Gen.Int[0, int.MaxValue], Gen.Byte, (kind, at, value) => new Mutation(kind, at, value));

    [Fact]
    public void Random_bytes_in_random_chunks_are_scanned_within_bounds_and_fully_accounted_for() =>
        Gen.Select(BusLikeByte.Array[0, 4000], Chunking, Gen.Int[FrameScanner.MinimumCapacity, 4096]).Sample((stream, chunks, capacity) =>
        {
            var scanner = new FrameScanner(capacity);
            FeedChecked(scanner, stream, chunks);
        }, iter: 400);

    [Fact]
    public void Damaged_real_traffic_in_random_chunks_still_delivers_every_untouched_frame_to_its_pack() =>
        Gen.Select(RealTransaction.Array[1, 8], RandomMutation.Array[0, 4], Chunking).Sample((transactions, mutations, chunks) =>
        {
            var traffic = new MutatedTraffic(transactions, mutations);
            var events = FeedChecked(new FrameScanner(), traffic.Stream, chunks);

            // Every untouched transaction's frame comes out, in order, valid and attributed to its pack.
            int next = 0;
            foreach (var e in events)
            {
                if (next < traffic.Untouched.Count && e.Kind == BusEventKind.DataFrame && e.ChecksumValid && e.HasAddress
                    && e.Address == traffic.Untouched[next].Address && e.FrameHex == Convert.ToHexString(traffic.Untouched[next].Frame))
                    next++;
            }
            next.Should().Be(traffic.Untouched.Count, "every untouched transaction is found ({0})", traffic);
        }, iter: 300);

    /// <summary>
    /// Feeds <paramref name="stream"/> in the given chunk sizes (cycled), checking after every call that the buffer
    /// holds no more than its capacity, that appended = discarded + consumed + buffered, and that reported frames
    /// are what they claim. Completes the stream and checks nothing is left.
    /// </summary>
    private static List<ScannedEvent> FeedChecked(FrameScanner scanner, byte[] stream, int[] chunks)
    {
        var events = new List<ScannedEvent>();
        long reported = 0;
        void DrainChecked()
        {
            while (scanner.TryRead(out var e))
            {
                if (e.Kind == BusEventKind.DataFrame)
                {
                    e.Frame.Length.Should().Be(JkFrame.Length);
                    JkFrame.StartsWithHeader(e.Frame).Should().BeTrue();
                    e.ChecksumValid.Should().Be(JkChecksum.IsValid(e.Frame));
                }
                if (e.Kind == BusEventKind.Discarded) e.DiscardedBytes.Should().BePositive();
                var copy = ScannedEvent.From(e);
                reported += copy.Size;
                events.Add(copy);
                CheckInvariants();
            }
        }
        void CheckInvariants()
        {
            scanner.Buffered.Should().BeInRange(0, scanner.Capacity);
            StatisticsBalance.ShouldBalance(scanner);
            (reported + scanner.Buffered).Should().Be(scanner.Statistics.Bytes, "events account for every byte no longer buffered");
        }

        int at = 0;
        for (int c = 0; at < stream.Length; c++)
        {
            int size = Math.Min(chunks[c % chunks.Length], stream.Length - at);
            int taken = scanner.Append(stream.AsSpan(at, size));
            at += taken;
            CheckInvariants();
            DrainChecked();
        }
        scanner.Statistics.Bytes.Should().Be(stream.Length);
        scanner.Complete();
        DrainChecked();
        scanner.Buffered.Should().Be(0, "Complete resolves everything held back");
        return events;
    }
}
