namespace SolarHub.Bench.Fuzz;

public enum FuzzFailureKind
{
    /// <summary>The codec threw.</summary>
    Exception,
    /// <summary>A chunk took longer than the watchdog's bound, or the scanner stopped taking bytes.</summary>
    Hang,
    /// <summary>An intact frame was not reported at its offset.</summary>
    LostFrame,
    /// <summary>The scanner held more bytes than any undecided message needs.</summary>
    BufferGrowth,
    /// <summary>Two ways through the same bytes (other chunking, other buffer size, the adapters' reader) disagreed.</summary>
    Disagreement,
}
