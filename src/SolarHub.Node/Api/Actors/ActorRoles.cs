using System.Text.RegularExpressions;
using SolarHub.Core.Banks;
using SolarHub.Node.Api.Events;

namespace SolarHub.Node.Api.Actors;

/// <summary>
/// What a live actor is for, told from its place in the tree (the actors' names follow fixed patterns) and, for
/// banks and adapters, from the banks' snapshots. An actor no rule knows is shown with an empty role.
/// </summary>
public sealed partial class ActorRoles(IReadOnlyList<BankSnapshot> banks)
{
    public string Describe(string path)
    {
        var elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (elements.Length == 0) return "root guardian";
        // elements[0] is "user" (or "system" for a clustered node's sharding); the rest is the path under that guardian.
        var under = elements.Skip(1).Select(Uri.UnescapeDataString).ToArray();
        if (elements[0] == "system") return under.Length == 0 ? "system guardian (only Cluster Sharding shown)" : Sharded(under);
        return under switch
        {
            [] => "user guardian",
            ["solarhub-banks"] => "bank registry",
            ["solarhub-banks", var bank] => Bank(bank),
            ["solarhub-banks", var bank, var adapter] => AdapterSupervisor(bank, adapter),
            ["solarhub-banks", var bank, var adapter, "connection"] => Connection(bank, adapter),
            ["solarhub-adapter-host"] => "adapter host (adapters attached to this node, for banks anywhere)",
            ["solarhub-actor-tree"] => "actor tree service (answers GET /api/actors?node= from other nodes)",
            ["solarhub-config"] => "configuration store supervisor",
            ["solarhub-config", var child] when child.StartsWith("store-", StringComparison.Ordinal) => "configuration store (persistent, journal in the database)",
            ["solarhub-config-start-copy"] => "start copy writer (keeps the configuration's copy beside the database current)",
            ["solarhub-config", "resting"] => "configuration store at rest on its start copy (the journal is loaded at the first change)",
            [Writer] => "configuration writer's singleton manager (the writer runs on the oldest node)",
            [Writer, Writer] => "the cluster's configuration writer (singleton: the store and its inbox)",
            [Writer, Writer, "store"] => "configuration store supervisor (the cluster's one writer)",
            [Writer, Writer, "store", var child] when child.StartsWith("store-", StringComparison.Ordinal) => "configuration store (persistent, journal in the database)",
            [Writer, Writer, "inbox"] => "configuration inbox (the writer's lease; takes solarhub config's writes from the database)",
            ["solarhub-history"] => "history writer (batches samples into the database, buffers across outages)",
            ["solarhub-history-sampler"] => "history sampler (latest telemetry, sampled every interval)",
            ["solarhub-mqtt"] => "MQTT bridge (state, availability, Home Assistant discovery)",
            ["solarhub-mqtt", var child] when child.StartsWith("connection-", StringComparison.Ordinal) => "MQTT connection (owns the broker client)",
            ["solarhub-alerts"] => "alert watcher (judges the alert rules on this node's banks)",
            ["solarhub-alerts", "webhook"] => "alert webhook (POSTs raises and clears, with retries)",
            ["telemetry-printer"] => "telemetry printer (console)",
            [var name] when name.StartsWith(EventStreamEndpoints.SubscriberPrefix, StringComparison.Ordinal) => "event stream subscriber (a GET /api/events client)",
            [.., var name] when name.StartsWith(StreamSupervisorPrefix, StringComparison.Ordinal) => "Akka.Streams materializer supervisor",
            [.., var name] when name.StartsWith(FlowPrefix, StringComparison.Ordinal) => "Akka.Streams stream",
            _ => "",
        };
    }

    /// <summary>Under /system on a clustered node (docs/cluster.md): banks are sharded entities, the bank supervisor the entity's child "bank".</summary>
    private string Sharded(string[] under) => under switch
    {
        ["sharding"] => "cluster sharding guardian",
        ["sharding", "bank"] => "shard region of the banks",
        ["sharding", var coordinator] when coordinator.StartsWith("bankCoordinator", StringComparison.Ordinal) => "shard coordinator of the banks (singleton)",
        ["sharding", "bank", var shard] => $"shard: bank {shard}",
        ["sharding", "bank", _, var entity] => $"bank entity: bank {entity}",
        ["sharding", "bank", _, var entity, "bank"] => Bank(entity),
        ["sharding", "bank", _, var entity, "bank", var adapter] => AdapterSupervisor(entity, adapter),
        ["sharding", "bank", _, var entity, "bank", var adapter, "connection"] => Connection(entity, adapter),
        [.., var name] when name.StartsWith(StreamSupervisorPrefix, StringComparison.Ordinal) => "Akka.Streams materializer supervisor",
        _ => "",
    };

    // The configuration writer singleton: its manager, and the singleton under it, are both called so.
    private const string Writer = Hosting.ClusterConfigWriter.Name;

    // Akka.Streams names the actors it materializes so.
    private const string StreamSupervisorPrefix = "StreamSupervisor-";
    private const string FlowPrefix = "Flow-";

    /// <summary>Whether an actor's name is one Akka.Streams gives its own actors (shown by <c>GET /api/actors?all=true</c> only).</summary>
    public static bool IsStreamsInternal(string name) =>
        name.StartsWith(StreamSupervisorPrefix, StringComparison.Ordinal) || name.StartsWith(FlowPrefix, StringComparison.Ordinal);

    private string Bank(string name)
    {
        var id = BankId(name);
        var snapshot = banks.FirstOrDefault(b => b.Id == id);
        return snapshot is null ? $"bank supervisor: bank {id}" : $"bank supervisor: bank {id} ({snapshot.Name})";
    }

    private string AdapterSupervisor(string bank, string name) =>
        AdapterName().Match(name) is { Success: true } m
            ? $"adapter backoff supervisor: adapter {m.Groups["id"].Value} (generation {m.Groups["gen"].Value})"
            : "";

    private string Connection(string bank, string supervisor)
    {
        if (AdapterName().Match(supervisor) is not { Success: true } m) return "";
        var id = m.Groups["id"].Value;
        var adapter = banks.FirstOrDefault(b => b.Id == BankId(bank))?.Adapters.FirstOrDefault(a => a.Id == id);
        if (adapter is null) return $"adapter connection: adapter {id}";
        var actor = adapter.Protocol == SolarHub.Configuration.AdapterProtocol.JkActive ? "JkActivePoller" : "JkBusListener";
        return $"{actor}: adapter {id} ({adapter.Transport})";
    }

    private static string BankId(string name) => name.StartsWith("bank-", StringComparison.Ordinal) ? name["bank-".Length..] : name;

    /// <summary>adapter-{id}-{generation}, as the bank names its adapter children.</summary>
    [GeneratedRegex("^adapter-(?<id>.+)-(?<gen>[0-9]+)$")]
    private static partial Regex AdapterName();
}
