using Akka.Actor;
using SolarHub.Configuration;

namespace SolarHub.Core.Adapters;

// Between a bank's stand-in for an adapter on another node and that node's adapter host (SolarHub.Cluster): here
// beside the adapter protocol because they cross nodes and travel with it (Wire/WireTypes).

/// <summary>
/// Start <paramref name="Adapter"/> of bank <paramref name="BankId"/> on this node, reporting to <paramref name="Bank"/>.
/// Answered with <see cref="AdapterStartedHere"/>. <paramref name="Attempt"/> tells a late answer from the current one.
/// </summary>
public sealed record StartAdapterHere(string BankId, AdapterConfig Adapter, IReadOnlyList<PackConfig> Packs, IActorRef Bank, bool Urgent, int Attempt);

/// <summary>The adapter runs on this node as <paramref name="Adapter"/> (its backoff supervisor).</summary>
public sealed record AdapterStartedHere(int Attempt, IActorRef Adapter);
