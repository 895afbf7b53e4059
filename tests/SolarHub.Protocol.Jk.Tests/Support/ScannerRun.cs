using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>Feeds a stream to a <see cref="FrameScanner"/> in given chunks and collects what it reports.</summary>
public static class ScannerRun
{
    /// <summary>The whole stream as two chunks split at <paramref name="split"/>, then end of stream.</summary>
    public static List<ScannedEvent> SplitAt(byte[] stream, int split) =>
        Feed(new FrameScanner(), [stream.AsMemory(0, split), stream.AsMemory(split)]);

    public static List<ScannedEvent> OneByteAtATime(byte[] stream)
    {
        var chunks = new ReadOnlyMemory<byte>[stream.Length];
        for (int i = 0; i < stream.Length; i++) chunks[i] = stream.AsMemory(i, 1);
        return Feed(new FrameScanner(), chunks);
    }

    public static List<ScannedEvent> Whole(byte[] stream) => Feed(new FrameScanner(), [stream]);

    /// <summary>
    /// Appends every chunk (retrying what did not fit after draining), drains, then completes the stream.
    /// Checks after every call that the buffer stays within capacity. Discarded runs come back coalesced.
    /// </summary>
    public static List<ScannedEvent> Feed(FrameScanner scanner, IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        var events = new List<ScannedEvent>();
        foreach (var chunk in chunks)
        {
            var rest = chunk.Span;
            while (true)
            {
                rest = rest[scanner.Append(rest)..];
                CheckBounds(scanner);
                Drain(scanner, events);
                if (rest.IsEmpty) break;
            }
        }
        scanner.Complete();
        Drain(scanner, events);
        return CoalesceDiscards(events);
    }

    public static void Drain(FrameScanner scanner, List<ScannedEvent> into)
    {
        while (scanner.TryRead(out var e))
        {
            into.Add(ScannedEvent.From(e));
            CheckBounds(scanner);
        }
    }

    public static List<ScannedEvent> CoalesceDiscards(IEnumerable<ScannedEvent> events)
    {
        var result = new List<ScannedEvent>();
        foreach (var e in events)
        {
            if (e.Kind == BusEventKind.Discarded && result.Count > 0 && result[^1].Kind == BusEventKind.Discarded)
                result[^1] = ScannedEvent.Discarded(result[^1].DiscardedBytes + e.DiscardedBytes);
            else
                result.Add(e);
        }
        return result;
    }

    private static void CheckBounds(FrameScanner scanner)
    {
        if (scanner.Buffered < 0 || scanner.Buffered > scanner.Capacity)
            throw new InvalidOperationException($"Buffered {scanner.Buffered} outside 0..{scanner.Capacity}");
    }
}
