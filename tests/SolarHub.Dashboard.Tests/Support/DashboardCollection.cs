namespace SolarHub.Dashboard.Tests.Support;

/// <summary>Every dashboard test: one browser and one node, tests one after the other (they share the node's banks).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<Chromium>, ICollectionFixture<DashboardNode>
{
    public const string Name = "dashboard in chromium";
}
