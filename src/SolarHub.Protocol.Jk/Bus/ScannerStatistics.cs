namespace SolarHub.Protocol.Jk.Bus;

/// <summary>Running totals of a <see cref="FrameScanner"/>, cheap to read for heartbeats and benchmarks.</summary>
public readonly record struct ScannerStatistics(
    long Bytes,
    long Polls,
    long Acknowledgements,
    long ValidFrames,
    long ChecksumErrors,
    long DiscardedBytes);
