using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>The statistics a scanner must end with after reporting exactly <paramref name="events"/>.</summary>
public static class ExpectedStatistics
{
    public static ScannerStatistics For(IReadOnlyList<ScannedEvent> events) => new(
        Bytes: events.Sum(e => (long)e.Size),
        Polls: events.Count(e => e.Kind == BusEventKind.Poll),
        Acknowledgements: events.Count(e => e.Kind == BusEventKind.Acknowledgement),
        ValidFrames: events.Count(e => e.Kind == BusEventKind.DataFrame && e.ChecksumValid),
        ChecksumErrors: events.Count(e => e.Kind == BusEventKind.DataFrame && !e.ChecksumValid),
        DiscardedBytes: events.Where(e => e.Kind == BusEventKind.Discarded).Sum(e => (long)e.DiscardedBytes));
}
