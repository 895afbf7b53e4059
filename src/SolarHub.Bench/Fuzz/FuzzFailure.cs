namespace SolarHub.Bench.Fuzz;

/// <summary>One failed check, where it happened: enough to find it again with the run's seed.</summary>
/// <param name="Case">Index of the fuzz case (0-based) in the run.</param>
/// <param name="Offset">Byte offset in the whole fuzzed stream.</param>
public readonly record struct FuzzFailure(FuzzFailureKind Kind, string Target, long Case, FuzzInputKind Input, long Offset, Exception? Exception = null, long Detail = 0);
