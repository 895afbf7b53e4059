namespace SolarHub.Simulator;

/// <summary>Bus bytes generated in one piece, with what they hold.</summary>
/// <param name="Bytes">Whole transactions: polls, frames, acknowledgements.</param>
/// <param name="DataFrames">300-byte frames in <paramref name="Bytes"/> (one per acknowledgement).</param>
/// <param name="Cycles">Complete polling cycles in <paramref name="Bytes"/>.</param>
public sealed record BusTraffic(byte[] Bytes, int DataFrames, int Polls, int Acknowledgements, long Cycles);
