namespace SolarHub.ConfigStore.ClusterWriter;

/// <summary>
/// The cluster's configuration writer as the database shows it: the node whose singleton store renewed the lease last,
/// and how long ago (measured by the database's clock, so a client on another machine with a skewed clock reads it
/// right). The writer renews every second; a lease older than <see cref="FreshFor"/> belongs to a writer that is gone
/// (its node died, the cluster stopped), and a client then writes the journal itself.
/// </summary>
public sealed record WriterLease(string Node, TimeSpan Age)
{
    /// <summary>Five renewals missed: longer than a garbage collection or a busy database, far shorter than a user waits.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    public bool IsFresh => Age <= FreshFor;
}
