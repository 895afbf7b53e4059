using Akka.Actor;

namespace SolarHub.Cli.Run;

/// <summary>
/// What <c>run</c> says and exits with when its actor system ended without being asked to (no SIGTERM): a node the cluster
/// removed, or one that could not join through its seeds in time, exits 1, so that a service manager starts it again and
/// it (re)joins; a node whose remoting failed a TLS handshake
/// as the client (Akka stops such a node: its certificate and the cluster's disagree) exits 78, configuration error
/// (sysexits.h), which the systemd units do not restart, since the same certificate would fail again.
/// </summary>
public static class UnexpectedStop
{
    public const int Removed = 1;
    public const int CertificateRefused = 78;

    // Akka.Remote's reason for it is internal: known by its name.
    private const string TlsFailure = "TlsHandshakeFailureReason";
    private const string JoinSetting = "akka.cluster.shutdown-after-unsuccessful-join-seed-nodes";

    public static (int ExitCode, string Message) Explain(CoordinatedShutdown.Reason? reason, string? node) => reason?.GetType().Name switch
    {
        TlsFailure => (CertificateRefused,
            $"run: node '{node}' stopped: a TLS handshake with a peer failed (the log above names the certificate refused); every node of a cluster " +
            $"needs the site's certificate (docs/cluster.md, \"Securing remoting\"); exiting with {CertificateRefused}, which the service does not restart"),
        nameof(CoordinatedShutdown.ClusterJoinUnsuccessfulReason) => (Removed,
            $"run: node '{node}' did not join the cluster through its seeds in time ({JoinSetting}; are the seed nodes running and reachable?); " +
            $"exiting with {Removed} so that a service manager starts it again and it tries anew"),
        _ when node is null => (Removed, "run: the actor system stopped unexpectedly; exiting"),
        _ => (Removed, $"run: node '{node}' is out of the cluster (it was asked to leave, or was downed after it was unreachable for too long); " +
            $"exiting with {Removed} so that a service manager starts it again and it rejoins (stop the service to keep it out)"),
    };
}
