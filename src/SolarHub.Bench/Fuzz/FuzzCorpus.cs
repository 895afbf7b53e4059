using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;
using SolarHub.Simulator;

namespace SolarHub.Bench.Fuzz;

/// <summary>
/// Clean real traffic the fuzz inputs are cut from: simulated buses (JK02_32S and JK02_24S) and transactions around the
/// captured frames, with where each message and each valid frame starts. Built once per run, from the run's seed.
/// </summary>
public sealed class FuzzCorpus
{
    private FuzzCorpus(byte[] bytes, int[] messageStarts, int[] frameStarts)
    {
        Bytes = bytes;
        MessageStarts = messageStarts;
        FrameStarts = frameStarts;
    }

    public byte[] Bytes { get; }

    /// <summary>Offsets of every poll, acknowledgement and frame, ascending.</summary>
    public int[] MessageStarts { get; }

    /// <summary>Offsets of every checksum-valid frame, ascending.</summary>
    public int[] FrameStarts { get; }

    public int MessageLength(int index) =>
        (index + 1 < MessageStarts.Length ? MessageStarts[index + 1] : Bytes.Length) - MessageStarts[index];

    public static FuzzCorpus Build(int seed, IReadOnlyList<byte[]> realFrames)
    {
        var random = new Random(seed);
        var bytes = new List<byte>(2_000_000);
        bytes.AddRange(BusTrafficGenerator.GenerateBytes(800_000, new SimulatorOptions { Seed = seed }).Bytes);
        bytes.AddRange(BusTrafficGenerator.GenerateBytes(400_000,
            new SimulatorOptions { Seed = seed + 1, Packs = 5, CellsPerPack = 24, Layout = JkLayout.JK02_24S }).Bytes);

        // The captured frames as a bus carries them, at any address; sometimes the poll or the acknowledgement is missing
        // (a listener that joined mid-transaction, a master that skipped it).
        for (int i = 0; i < 2000; i++)
        {
            var frame = realFrames[random.Next(realFrames.Count)];
            byte address = (byte)random.Next(16);
            ushort register = JkRegister.ForFrameType((JkFrameType)frame[JkFrame.TypeOffset]);
            int shape = random.Next(8);
            if (shape != 0) bytes.AddRange(ModbusMessages.Poll(address, register));
            bytes.AddRange(frame);
            if (shape != 1) bytes.AddRange(ModbusMessages.Acknowledgement(address, register));
        }
        var corpus = bytes.ToArray();
        var (messages, frames) = Index(corpus);
        return new FuzzCorpus(corpus, messages, frames);
    }

    /// <summary>Where the messages are, as the scanner sees clean traffic: it must see every byte as part of a message.</summary>
    private static (int[] Messages, int[] Frames) Index(byte[] corpus)
    {
        var scanner = new FrameScanner();
        var messages = new List<int>();
        var frames = new List<int>();
        var rest = corpus.AsSpan();
        int position = 0;
        while (true)
        {
            int taken = scanner.Append(rest);
            rest = rest[taken..];
            if (rest.IsEmpty) scanner.Complete();
            bool any = false;
            while (scanner.TryRead(out var e))
            {
                any = true;
                int length = e.Kind switch
                {
                    BusEventKind.Poll => ModbusMessages.PollLength,
                    BusEventKind.Acknowledgement => ModbusMessages.AcknowledgementLength,
                    BusEventKind.DataFrame => JkFrame.Length,
                    _ => throw new BenchException($"the clean fuzz corpus has {e.DiscardedBytes} unrecognised bytes at offset {position}"),
                };
                if (e.Kind == BusEventKind.DataFrame)
                {
                    if (!e.ChecksumValid) throw new BenchException($"the clean fuzz corpus has a bad frame at offset {position}");
                    frames.Add(position);
                }
                messages.Add(position);
                position += length;
            }
            if (rest.IsEmpty && !any) break;
        }
        if (position != corpus.Length) throw new BenchException($"the scanner placed {position} of the clean fuzz corpus's {corpus.Length} bytes");
        return (messages.ToArray(), frames.ToArray());
    }
}
