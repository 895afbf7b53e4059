using System.Security.Cryptography.X509Certificates;

namespace SolarHub.Cluster.Hosting;

/// <summary>How the nodes decide whether a peer's TLS certificate is one of the site's (docs/cluster.md, "Securing remoting").</summary>
public enum RemotingTrust
{
    /// <summary>The peer presents the very certificate this node holds (same thumbprint): one self-signed certificate copied to every node.</summary>
    Shared,

    /// <summary>Akka's own validation: the peer's certificate chains to a root in the system's trust store (the host name is not compared).</summary>
    System,
}

/// <summary>TLS for remoting: this node's certificate (with its private key) and how peers' certificates are checked.</summary>
public sealed record RemotingTls(X509Certificate2 Certificate, RemotingTrust Trust)
{
    /// <summary>The value of <see cref="Trust"/> as the options spell it.</summary>
    public static string Name(RemotingTrust trust) => trust == RemotingTrust.Shared ? "shared" : "system";
}
