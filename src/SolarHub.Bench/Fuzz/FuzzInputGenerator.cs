using SolarHub.Protocol.Jk;

namespace SolarHub.Bench.Fuzz;

/// <summary>
/// Writes one fuzz case of a given kind into a buffer and lists the intact frames it holds (whole frames of clean
/// traffic, which the scanner must find whatever surrounds them). Everything comes from one seeded <see cref="Random"/>,
/// so a seed replays a run byte for byte.
/// </summary>
public sealed class FuzzInputGenerator(FuzzCorpus corpus, Random random)
{
    public const int MaxCaseLength = 64 * 1024;

    private static readonly byte[] TemptingBytes = [0x55, 0x10, 0xAA, 0x16, 0x00];

    /// <summary>Fills the start of <paramref name="destination"/> (at least <see cref="MaxCaseLength"/> bytes) and returns the case's length.</summary>
    public int Next(FuzzInputKind kind, Span<byte> destination, List<IntactFrame> intact)
    {
        int length = LogUniform(1, MaxCaseLength);
        var target = destination[..length];
        switch (kind)
        {
            case FuzzInputKind.Random:
                random.NextBytes(target);
                break;
            case FuzzInputKind.BitFlipped:
                CopyCorpus(random.Next(corpus.Bytes.Length - length + 1), target);
                Flip(target);
                break;
            case FuzzInputKind.Truncated:
                for (int at = 0; at < length;) at += AppendMessage(target, at, intact, cutChance: 3);
                break;
            default:
                for (int at = 0; at < length;) at += AppendSplicePiece(target, at, intact);
                break;
        }
        return length;
    }

    /// <summary>Chunk sizes as socket reads come: 1 byte to 4 KiB, small ones as likely as large ones per doubling.</summary>
    public int NextChunk() => LogUniform(1, 4096);

    private int AppendSplicePiece(Span<byte> target, int at, List<IntactFrame> intact)
    {
        int room = target.Length - at;
        switch (random.Next(20))
        {
            case < 10: // real traffic cut anywhere, its intact frames recorded
                int length = Math.Min(room, LogUniform(1, 4000));
                int start = random.Next(corpus.Bytes.Length - length + 1);
                CopyCorpus(start, target.Slice(at, length));
                RecordFrames(start, length, at, intact);
                return length;
            case < 14: // garbage
                int garbage = Math.Min(room, LogUniform(1, 600));
                random.NextBytes(target.Slice(at, garbage));
                return garbage;
            case < 17: // a cut (or whole) message
                return AppendMessage(target, at, intact, cutChance: 2);
            default: // a bit of damaged traffic, nothing recorded
                int damaged = Math.Min(room, LogUniform(1, 1000));
                CopyCorpus(random.Next(corpus.Bytes.Length - damaged + 1), target.Slice(at, damaged));
                Flip(target.Slice(at, damaged));
                return damaged;
        }
    }

    /// <summary>One message of the corpus, whole or (with odds cutChance - 1 in cutChance) with its head or its tail cut off.</summary>
    private int AppendMessage(Span<byte> target, int at, List<IntactFrame> intact, int cutChance)
    {
        int index = random.Next(corpus.MessageStarts.Length);
        int start = corpus.MessageStarts[index];
        int length = corpus.MessageLength(index);
        bool whole = random.Next(cutChance) == 0 || length < 2;
        if (!whole)
        {
            int cut = 1 + random.Next(length - 1);
            if (random.Next(3) == 0) { start += cut; length -= cut; } // the tail, as when a listener joins mid-message
            else length = cut;
        }
        length = Math.Min(length, target.Length - at);
        CopyCorpus(start, target.Slice(at, length));
        if (whole) RecordFrames(start, length, at, intact);
        return length;
    }

    private void RecordFrames(int corpusStart, int length, int at, List<IntactFrame> intact)
    {
        var frames = corpus.FrameStarts;
        int i = Array.BinarySearch(frames, corpusStart);
        if (i < 0) i = ~i;
        for (; i < frames.Length && frames[i] + JkFrame.Length <= corpusStart + length; i++)
        {
            int offset = frames[i];
            intact.Add(new IntactFrame(at + offset - corpusStart, corpus.Bytes[offset + JkFrame.CounterOffset],
                corpus.Bytes[offset + JkFrame.Length - 1]));
        }
    }

    private void CopyCorpus(int start, Span<byte> target) => corpus.Bytes.AsSpan(start, target.Length).CopyTo(target);

    /// <summary>Flips bits at a rate of 1 in 10 to 1 in 100 000 bits per byte, chosen per call; a few bytes become ones the scanner looks for.</summary>
    private void Flip(Span<byte> target)
    {
        double rate = Math.Pow(10, -1 - 4 * random.NextDouble());
        int flips = (int)Math.Min(target.Length, Math.Round(target.Length * rate * 2 * random.NextDouble()));
        for (int i = 0; i < flips; i++)
        {
            int at = random.Next(target.Length);
            if (random.Next(8) == 0) target[at] = TemptingBytes[random.Next(TemptingBytes.Length)];
            else target[at] ^= (byte)(1 << random.Next(8));
        }
    }

    private int LogUniform(int min, int max) =>
        Math.Clamp((int)Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max + 1) - Math.Log(min))), min, max);
}
