namespace SolarHub.Cluster.Hosting;

/// <summary>How a node joins the cluster (docs/cluster.md).</summary>
/// <param name="Node">This node's name: adapters name it to be opened here (id rules: letters, digits, '-', '_', '.').</param>
/// <param name="Remoting">Where this node listens for the other nodes; loopback unless told otherwise.</param>
/// <param name="Seeds">Nodes to join through; a node that lists itself first may start the cluster.</param>
public sealed record SolarHubClusterOptions(string Node, RemotingEndpoint Remoting, IReadOnlyList<RemotingEndpoint> Seeds)
{
    /// <summary>The address the other nodes use to reach this one, when it differs from <see cref="Remoting"/>'s host (NAT, 0.0.0.0).</summary>
    public string? PublicHost { get; init; }

    /// <summary>TLS for remoting (docs/cluster.md, "Securing remoting"); null: plaintext, for a trusted network only.</summary>
    public RemotingTls? Tls { get; init; }

    /// <summary>The protocol of every node's address: Akka names TLS remoting <c>akka.ssl.tcp</c>.</summary>
    public string Protocol => Tls is null ? "akka.tcp" : "akka.ssl.tcp";

    /// <summary>The actor system's name, the same on every node (part of every node's address).</summary>
    public string SystemName { get; init; } = "solarhub";
}
