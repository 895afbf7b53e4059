using SolarHub.ConfigStore.ClusterWriter;

namespace SolarHub.ConfigStore.Tests.Pure;

/// <summary>When a client believes a cluster writer is alive (docs/cluster.md, "The configuration in a cluster").</summary>
public sealed class WriterLeaseTests
{
    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.2, true)]
    [InlineData(5.0, true)]
    [InlineData(5.1, false)]
    [InlineData(600.0, false)]
    public void A_lease_is_fresh_up_to_five_seconds_after_its_renewal(double ageSeconds, bool fresh) =>
        new WriterLease("n1", TimeSpan.FromSeconds(ageSeconds)).IsFresh.Should().Be(fresh);

    [Fact]
    public void Five_seconds_is_five_missed_renewals() =>
        (WriterLease.FreshFor / ConfigInboxWriter.RenewEvery).Should().Be(5);
}
