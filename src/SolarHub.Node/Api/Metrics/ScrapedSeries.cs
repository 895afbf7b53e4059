using Prometheus;

namespace SolarHub.Node.Api.Metrics;

/// <summary>
/// Label sets written during one scrape, so series of banks, packs and adapters that went away are removed
/// afterwards instead of exporting their last values forever.
/// </summary>
public sealed class ScrapedSeries
{
    private readonly Dictionary<object, HashSet<string>> _written = new();

    public void Set(Gauge gauge, double value, params string[] labels)
    {
        gauge.WithLabels(labels).Set(value);
        Touch(gauge, labels);
    }

    /// <summary>Sets a counter to a total kept elsewhere; a total that went down (the adapter was re-created) restarts the series.</summary>
    public void SetTotal(Counter counter, double total, params string[] labels)
    {
        var child = counter.WithLabels(labels);
        if (total < child.Value)
        {
            counter.RemoveLabelled(labels);
            child = counter.WithLabels(labels);
        }
        child.IncTo(total);
        Touch(counter, labels);
    }

    /// <summary>Removes every series of <paramref name="collector"/> not written since the last sweep.</summary>
    public void Sweep<TChild>(Collector<TChild> collector) where TChild : ChildBase
    {
        var written = _written.GetValueOrDefault(collector) ?? [];
        foreach (var labels in collector.GetAllLabelValues().ToList())
            if (!written.Contains(Key(labels))) collector.RemoveLabelled(labels);
        written.Clear();
    }

    private void Touch(object collector, string[] labels)
    {
        if (!_written.TryGetValue(collector, out var set)) _written[collector] = set = [];
        set.Add(Key(labels));
    }

    private static string Key(string[] labels) => string.Join('\u001f', labels);
}
