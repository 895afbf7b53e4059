using SolarHub.ConfigStore;
using SolarHub.ConfigStore.ClusterWriter;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>The answer to a verb's write, and the node of the cluster writer that gave it (null: this process wrote the journal).</summary>
public sealed record RoutedAnswer(object Answer, string? Writer);

/// <summary>
/// Where a verb's write goes. While a cluster runs on the database (its writer's lease is fresh) the write goes
/// through the inbox to the cluster's one writer, so the CLI never races the cluster for the journal; otherwise
/// (one node, no node running) this process's own store writes the journal, with its optimistic check. A dry run
/// stores nothing: this process's store plans it.
/// </summary>
public static class WriteRoute
{
    /// <param name="progress">Where the wait for the cluster's writer is said (stderr), once it takes more than 2 s.</param>
    public static async Task<RoutedAnswer> SendAsync(ConfigStoreSession session, IConfigWrite write, bool dryRun, TextWriter progress, CancellationToken ct)
    {
        var cluster = new ClusterWriterClient(new ConfigWriterTables(session.Database));
        if (!dryRun && await cluster.LiveWriterAsync(ct) is { } lease)
        {
            var answer = await cluster.SendAsync(write, lease, (waited, writer) => progress.WriteLine(writer is null
                ? $"waiting for the cluster's configuration writer ({waited.TotalSeconds:0} s): none is alive now; it starts on another node once the lost one is downed..."
                : $"waiting for the cluster's configuration writer ({writer}, {waited.TotalSeconds:0} s)..."), ct);
            return new RoutedAnswer(answer.Answer, answer.Node);
        }
        return new RoutedAnswer(await ConfigStoreClient.SendAsync(session.Store, write, ct), null);
    }
}
