using Akka.Cluster.Sharding;
using SolarHub.Core.Banks;

namespace SolarHub.Cluster.Banks;

/// <summary>
/// Routes <see cref="BankEnvelope"/>s by bank id. One shard per bank: a site has tens of banks, not thousands, and a
/// shard of its own lets each bank move (or stay) on its own when a node joins, leaves or dies.
/// </summary>
public sealed class BankMessageExtractor : IMessageExtractor
{
    // ShardRegion.StartEntity is routed by sharding itself.
    public string? EntityId(object message) => message is BankEnvelope e ? e.BankId : null;

    public object? EntityMessage(object message) => message is BankEnvelope e ? e.Message : null;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
