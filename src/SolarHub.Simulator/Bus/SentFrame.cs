using SolarHub.Protocol.Jk;

namespace SolarHub.Simulator;

/// <summary>A data frame the simulated bus sent, as it went on the wire.</summary>
/// <param name="Sequence">0-based index among all frames the bus sent.</param>
/// <param name="Address">The pack that sent it.</param>
/// <param name="ChecksumCorrupted">True when a fault gave it a wrong checksum.</param>
/// <param name="Bytes">The 300 bytes sent; empty when the log keeps counts only.</param>
public readonly record struct SentFrame(long Sequence, byte Address, JkFrameType Type, byte Counter, bool ChecksumCorrupted, byte[] Bytes);
