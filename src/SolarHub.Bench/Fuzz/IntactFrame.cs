namespace SolarHub.Bench.Fuzz;

/// <summary>A whole, checksum-valid frame placed in fuzz input: the scanner must report it at exactly this offset.</summary>
/// <param name="Offset">Byte offset in the input (of the case while generating, of the whole stream once queued).</param>
public readonly record struct IntactFrame(long Offset, byte Counter, byte Checksum);
