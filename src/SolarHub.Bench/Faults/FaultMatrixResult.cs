namespace SolarHub.Bench.Faults;

/// <summary>The rows of one <c>bench faults</c> run and its summary line.</summary>
public sealed record FaultMatrixResult(IReadOnlyList<FaultOutcome> Rows)
{
    public int Passed => Rows.Count(r => r.Survived);

    public bool AllSurvived => Passed == Rows.Count;

    public string Summary =>
        $"faults: {Passed}/{Rows.Count} survived, worst failover {Worst(r => r.Failover)}, worst recovery {Worst(r => r.Recovery)}, " +
        $"false failovers {Rows.Sum(r => r.FalseFailovers)}, lost {Rows.Sum(r => r.Lost)}";

    // "none" when no row has such a time (e.g. --only split-writes), rather than a 0 that reads as a measurement.
    private string Worst(Func<FaultOutcome, TimeSpan?> time) =>
        Rows.Select(time).Max() is { } worst ? $"{BenchFormat.Integer(worst.TotalMilliseconds)} ms" : "none";
}
