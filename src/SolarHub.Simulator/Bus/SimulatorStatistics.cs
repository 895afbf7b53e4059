namespace SolarHub.Simulator;

/// <summary>What went on the simulated bus since start.</summary>
/// <param name="Polls">Polls sent by the master, or received in active mode.</param>
/// <param name="DataFrames">Frames the packs sent (corrupted ones included).</param>
/// <param name="UnansweredPolls">Polls for an absent or missing pack.</param>
/// <param name="BusBytes">Bytes put on the bus (polls, frames, acknowledgements, garbage).</param>
public readonly record struct SimulatorStatistics(
    long Polls,
    long DataFrames,
    long Acknowledgements,
    long UnansweredPolls,
    long CorruptedChecksums,
    long CorruptedCrcs,
    long GarbageBytes,
    long BusBytes);
