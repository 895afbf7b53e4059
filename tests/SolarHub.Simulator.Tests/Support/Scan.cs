using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator.Tests.Support;

public static class Scan
{
    /// <summary>All events a fresh scanner finds in <paramref name="bytes"/>, fed in chunks of <paramref name="chunk"/>.</summary>
    public static List<ReceivedEvent> All(ReadOnlySpan<byte> bytes, int chunk = 4096)
    {
        var scanner = new FrameScanner();
        var events = new List<ReceivedEvent>();
        while (!bytes.IsEmpty)
        {
            var piece = bytes[..Math.Min(chunk, bytes.Length)];
            int taken = scanner.Append(piece);
            bytes = bytes[taken..];
            while (scanner.TryRead(out var e)) events.Add(ReceivedEvent.From(e));
        }
        scanner.Complete();
        while (scanner.TryRead(out var e)) events.Add(ReceivedEvent.From(e));
        return events;
    }
}
