namespace SolarHub.Bench.Cluster;

// The configuration scenarios of bench cluster: a change reaching every node, and the journal's writer dying mid-change.
public sealed partial class ClusterBench
{
    /// <summary>
    /// A bank added to the stored configuration: the time from the store's acknowledgement until every node lists it
    /// (each node follows the journal; the bank has started somewhere and answers).
    /// </summary>
    public async Task<TimeSpan> ConfigReachAsync(CancellationToken ct)
    {
        const string added = "added-bank";
        var stored = await Site.LoadAsync(ct);
        var template = stored.Banks.Single(b => b.Id == LeaveBank);
        await Site.StoreAsync(stored with { Banks = [.. stored.Banks, template with { Id = added, Name = "Added bank" }] }, ct);
        // From the acknowledgement: that is when a user's `solarhub config` returns.
        var storedAt = DateTimeOffset.Now;
        var reached = storedAt;
        foreach (var node in Site.Nodes)
        {
            await Site.WaitForBankListAsync(node, ids => ids.Contains(added), Patience, $"{node.Name} listing '{added}'", ct);
            reached = DateTimeOffset.Now;
        }
        var took = reached - storedAt;
        _output.WriteLine($"cluster: config reach: '{added}' listed by every node {took.TotalSeconds:0.00} s after it was stored");
        await Site.StoreAsync(stored, ct);
        return took;
    }

    /// <summary>
    /// kill -9 of the node that writes the configuration journal (the singleton store) while <see cref="ConfigBank"/>'s
    /// adapters are disabled one by one through the other nodes' APIs (in turn), one of them in flight at the kill.
    /// Returns the acknowledged changes missing from the stored configuration afterwards (must be 0), the time from the
    /// kill to the first change sent after it being acknowledged (the writer runs again elsewhere), and how many writers
    /// stored the changes acknowledged before the kill, whichever node they came through (must be 1).
    /// </summary>
    public async Task<(int Lost, TimeSpan WriterMove, int WritersBeforeKill)> WriterLossAsync(CancellationToken ct)
    {
        var before = await Site.LoadAsync(ct);
        long firstVersion = await Site.VersionAsync(ct);
        var writerName = await WaitForConfigWriterAsync(ct);
        var writer = Site.Node(writerName);
        var others = Site.Nodes.Where(n => n != writer && n.IsRunning).ToList();
        var acknowledged = new List<string>();
        DateTimeOffset? killedAt = null;
        TimeSpan? moved = null;
        long versionAtKill = 0;
        // The last adapter stays enabled: a bank needs one.
        foreach (var (adapter, i) in ConfigAdapters[..^1].Select((a, i) => (a, i)))
        {
            var via = others[i % others.Count];
            if (acknowledged.Count == 2 && killedAt is null) versionAtKill = await Site.VersionAsync(ct);
            var sentAt = DateTimeOffset.Now;
            var write = Site.DisableAdapterAsync(via, ConfigBank, adapter, ct);
            if (acknowledged.Count == 2 && killedAt is null)
            {
                // The third change is on its way to the writer when its node dies.
                await Task.Delay(20, ct);
                killedAt = DateTimeOffset.Now;
                await writer.KillAsync();
            }
            var problem = await write;
            // A change whose answer was lost with the writer is sent again, as a user would (it may have been stored).
            for (int attempt = 2; problem is not null && attempt <= 3; attempt++)
            {
                _output.WriteLine($"cluster: writer loss: disabling {adapter} through {via.Name}: {problem}; again");
                problem = await Site.DisableAdapterAsync(via, ConfigBank, adapter, ct);
            }
            bool done = problem is null;
            if (!done) continue;
            acknowledged.Add(adapter);
            // The first change sent after the kill: the one in flight may have been answered by the dying writer.
            if (killedAt is { } at && sentAt > at && moved is null) moved = DateTimeOffset.Now - at;
        }
        var writers = await Site.JournalWritersAsync(firstVersion, ct);
        int writersBeforeKill = writers.Where(w => w.Version <= versionAtKill).Select(w => w.Writer).Distinct().Count();
        var stored = await Site.LoadAsync(ct);
        var disabled = stored.Banks.Single(b => b.Id == ConfigBank).Adapters.Where(a => !a.Enabled).Select(a => a.Id).ToHashSet();
        int lost = acknowledged.Count(a => !disabled.Contains(a));
        _output.WriteLine($"cluster: writer loss: killed {writer.Name} (the configuration writer) during changes through {string.Join(" and ", others.Select(n => n.Name))}; " +
            $"{acknowledged.Count} of {ConfigAdapters.Length - 1} acknowledged, {lost} of them missing; first acknowledgement after the kill " +
            (moved is { } m ? $"{m.TotalSeconds:0.0} s later" : "never") + $"; writer now {await Site.ConfigWriterAsync(others[0], ct) ?? "unknown"}; " +
            $"{writersBeforeKill} writer(s) stored the {writers.Count(w => w.Version <= versionAtKill)} changes before the kill, {writers.Select(w => w.Writer).Distinct().Count()} in all");
        await RestartAsync(writer, ct);
        await Site.StoreAsync(before, ct);
        return moved is { } took ? (lost, took, writersBeforeKill) : throw new BenchException("no change was acknowledged after the configuration writer's node was killed");
    }

    private async Task<string> WaitForConfigWriterAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in Site.Nodes.Where(n => n.IsRunning))
                if (await Site.ConfigWriterAsync(node, ct) is { } writer) return writer;
            await Task.Delay(200, ct);
        }
        throw new BenchException($"no node named the configuration writer within {Patience.TotalSeconds:0} s");
    }
}
