namespace SolarHub.Bench.Faults;

/// <summary>
/// What a row's own check saw: a time (detection or recovery), why the expectation did not hold (null when it held),
/// and what is worth a word in the table's note.
/// </summary>
public sealed record Finding(TimeSpan? Time, string? Problem, string? Detail = null)
{
    public static Finding Held(TimeSpan? time = null, string? detail = null) => new(time, null, detail);

    public static Finding Broken(string problem, TimeSpan? time = null) => new(time, problem);
}
