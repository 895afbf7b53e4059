namespace SolarHub.Configuration;

/// <summary>A bank: packs that share one bus, and the adapters that can reach that bus, in priority order.</summary>
public sealed record BankConfig(
    string Id,
    string Name,
    IReadOnlyList<PackConfig> Packs,
    IReadOnlyList<AdapterConfig> Adapters)
{
    /// <summary>Enabled adapters, best first (priority, then declaration order).</summary>
    public IReadOnlyList<AdapterConfig> FailoverOrder =>
        Adapters.Select((a, i) => (a, i)).Where(x => x.a.Enabled).OrderBy(x => x.a.Priority).ThenBy(x => x.i).Select(x => x.a).ToList();
}
