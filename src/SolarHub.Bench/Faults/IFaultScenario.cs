namespace SolarHub.Bench.Faults;

/// <summary>One fault of <c>solarhub bench faults</c>: sets up what it needs on loopback, injects the fault, clears it, and measures.</summary>
public interface IFaultScenario
{
    /// <summary>The fault's name in the table.</summary>
    string Fault { get; }

    /// <param name="quick">The tests' short run: the same fault and checks, with shorter observation periods.</param>
    Task<FaultOutcome> RunAsync(bool quick, TextWriter progress, CancellationToken ct);
}
