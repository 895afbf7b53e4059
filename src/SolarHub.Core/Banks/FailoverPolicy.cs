using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Banks;

/// <summary>
/// Which adapter should be active. Pure, so every rule is testable without actors or clocks:
/// a healthy active adapter is kept (never fail over when nothing is wrong) unless a better-ranked one has been
/// healthy for the hold-down time (failback); an active adapter that is not healthy is replaced by the best healthy one.
/// </summary>
public static class FailoverPolicy
{
    public sealed record Candidate(string Id, int Rank, AdapterState State, DateTimeOffset? HealthySince);

    public sealed record Decision(string To, string Reason, bool IsFailback);

    /// <param name="startupGraceOver">False while the bank is young: then the preferred adapter is awaited rather than taking whichever is healthy first.</param>
    public static Decision? Decide(IReadOnlyCollection<Candidate> adapters, string? active, DateTimeOffset now, TimeSpan holdDown, bool startupGraceOver, string? activeTrouble = null)
    {
        var healthy = adapters.Where(a => a.State == AdapterState.Healthy).OrderBy(a => a.Rank).ToList();
        var current = adapters.FirstOrDefault(a => a.Id == active);

        if (current is null)
        {
            if (healthy.Count == 0) return null;
            var preferred = adapters.OrderBy(a => a.Rank).First();
            bool preferredMayComeUp = preferred.State is AdapterState.Connecting or AdapterState.Receiving;
            if (healthy[0].Id != preferred.Id && preferredMayComeUp && !startupGraceOver) return null;
            return new Decision(healthy[0].Id, "first adapter with a complete set of fresh data", IsFailback: false);
        }

        if (current.State != AdapterState.Healthy)
        {
            var replacement = healthy.FirstOrDefault();
            return replacement is null
                ? null
                : new Decision(replacement.Id, $"{current.Id} {Describe(current.State)}{(activeTrouble is null ? "" : ": " + activeTrouble)}", IsFailback: false);
        }

        var better = healthy.FirstOrDefault(a => a.Rank < current.Rank && now - a.HealthySince >= holdDown);
        return better is null
            ? null
            : new Decision(better.Id, $"{better.Id} healthy for {(now - better.HealthySince!.Value).TotalSeconds:0.#} s (hold-down {holdDown.TotalSeconds:0.#} s)", IsFailback: true);
    }

    private static string Describe(AdapterState state) => state switch
    {
        AdapterState.Silent => "went silent",
        AdapterState.Restarting => "lost its connection",
        AdapterState.Failed => "failed",
        AdapterState.Stopped => "was stopped",
        _ => "is not healthy",
    };
}
