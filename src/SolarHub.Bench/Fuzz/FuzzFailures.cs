namespace SolarHub.Bench.Fuzz;

/// <summary>
/// Failed checks: counted by kind, the first ones kept in full. Recording allocates nothing (the array is made up
/// front), so a failure does not show up as allocation growth as well.
/// </summary>
public sealed class FuzzFailures
{
    public const int Kept = 20;
    private readonly FuzzFailure[] _first = new FuzzFailure[Kept];
    private readonly long[] _counts = new long[Enum.GetValues<FuzzFailureKind>().Length];
    private int _kept;

    public long Total { get; private set; }

    public long Count(FuzzFailureKind kind) => _counts[(int)kind];

    public ReadOnlySpan<FuzzFailure> First => _first.AsSpan(0, _kept);

    public void Add(in FuzzFailure failure)
    {
        _counts[(int)failure.Kind]++;
        Total++;
        if (_kept < Kept) _first[_kept++] = failure;
    }
}
