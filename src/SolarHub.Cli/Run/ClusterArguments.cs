using Akka.Configuration;
using SolarHub.Cluster.Hosting;
using SolarHub.Configuration.Validation;

namespace SolarHub.Cli.Run;

/// <summary>
/// <c>run</c>'s cluster settings from, in this order, its options, the environment (<c>SOLARHUB_CLUSTER</c>,
/// <c>SOLARHUB_NODE</c>, <c>SOLARHUB_REMOTING</c>, <c>SOLARHUB_SEEDS</c>) and the HOCON file's <c>solarhub.cluster</c>
/// section (<c>enabled</c>, <c>node</c>, <c>remoting</c>, <c>seeds</c>). Each error names the setting it came from.
/// </summary>
public sealed record ClusterArguments(bool? Cluster, string? Node, string? Remoting, string? Seeds)
{
    public const string DefaultRemoting = "127.0.0.1:4053";

    /// <summary>Null with no error: a single node.</summary>
    public SolarHubClusterOptions? Resolve(Config? hocon, Func<string, string?> environment, out string? error)
    {
        error = null;
        string? Hocon(string key) => hocon is not null && hocon.HasPath($"solarhub.cluster.{key}") ? hocon.GetString($"solarhub.cluster.{key}") : null;
        string? HoconSeeds() => hocon is not null && hocon.HasPath("solarhub.cluster.seeds") ? string.Join(',', hocon.GetStringList("solarhub.cluster.seeds")) : null;

        bool enabled = Cluster ?? Flag(environment("SOLARHUB_CLUSTER")) ?? (hocon is not null && hocon.HasPath("solarhub.cluster.enabled") && hocon.GetBoolean("solarhub.cluster.enabled"));
        var (node, nodeFrom) = First(("--node", Node), ("SOLARHUB_NODE", environment("SOLARHUB_NODE")), ("solarhub.cluster.node", Hocon("node")));
        var (remoting, remotingFrom) = First(("--remoting", Remoting), ("SOLARHUB_REMOTING", environment("SOLARHUB_REMOTING")), ("solarhub.cluster.remoting", Hocon("remoting")));
        var (seeds, seedsFrom) = First(("--seeds", Seeds), ("SOLARHUB_SEEDS", environment("SOLARHUB_SEEDS")), ("solarhub.cluster.seeds", HoconSeeds()));

        if (!enabled)
        {
            if (nodeFrom is not null || remotingFrom is not null || seedsFrom is not null)
                error = $"{nodeFrom ?? remotingFrom ?? seedsFrom} applies to a cluster only: add --cluster (or SOLARHUB_CLUSTER=1)";
            return null;
        }
        if (node is null)
        {
            error = "--cluster needs the node's name: --node <name> (or SOLARHUB_NODE)";
            return null;
        }
        if (IdSyntax.Problem(node, "node") is { } problem)
        {
            error = $"{nodeFrom}: {problem}";
            return null;
        }
        if (!RemotingEndpoint.TryParse(remoting ?? DefaultRemoting, out var endpoint, out var why))
        {
            error = $"{remotingFrom}: {why}";
            return null;
        }
        var seedList = new List<RemotingEndpoint>();
        foreach (var text in (seeds ?? endpoint.ToString()).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!RemotingEndpoint.TryParse(text, out var seed, out why))
            {
                error = $"{seedsFrom}: {why}";
                return null;
            }
            seedList.Add(seed);
        }
        if (seedList.Count == 0)
        {
            error = $"{seedsFrom}: no seed node given (host:port[,host:port...])";
            return null;
        }
        return new SolarHubClusterOptions(node, endpoint, seedList);
    }

    private static bool? Flag(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "1" or "true" or "yes" or "on" => true,
        _ => false,
    };

    private static (string? Value, string? From) First(params (string From, string? Value)[] sources)
    {
        foreach (var (from, value) in sources)
            if (!string.IsNullOrWhiteSpace(value)) return (value.Trim(), from);
        return (null, null);
    }
}
