using SolarHub.Node.Api;

namespace SolarHub.Node.Tests.Support;

/// <summary>
/// The node most API tests share (one node for the collection keeps the suite fast): bank "house" (3 packs, passive
/// gw-a preferred, active-polling gw-b) is only read; bank "shed" (2 packs, passive left and right) is the one tests
/// fail over, force and disable, each restoring it. The API token is <see cref="Token"/>.
/// </summary>
public sealed class HealthyNodeFixture : IAsyncLifetime
{
    public const string Token = "test-token-4f2a";
    public ApiNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await ApiNode.StartAsync(
            [
                ("house", 3, [("gw-a", true, false), ("gw-b", false, false)]),
                ("shed", 2, [("left", true, false), ("right", true, false)]),
            ],
            new ApiOptions { Token = Token });
        await Node.PollAsync("/api/banks", banks => banks.AsArray().Count == 2 && banks.AsArray().All(b => b!["state"]!.GetValue<string>() == "Healthy"),
            "had both banks healthy");
        await Settled("house");
        await Settled("shed");
    }

    /// <summary>Waits until shed runs normally again: both adapters enabled and healthy, nothing forced, every pack fresh.</summary>
    public Task ShedSettledAsync() => Settled("shed");

    private Task Settled(string bank) => Node.PollAsync($"/api/banks/{bank}", b =>
            b["forcedAdapter"] is null
            && b["adapters"]!.AsArray().All(a => a!["enabled"]!.GetValue<bool>() && a["state"]!.GetValue<string>() == "Healthy")
            && b["packs"]!.AsArray().All(p => !p!["stale"]!.GetValue<bool>()),
        "settled (every adapter healthy, nothing forced, packs fresh)");

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class HealthyNodeCollection : ICollectionFixture<HealthyNodeFixture>
{
    public const string Name = "healthy API node";
}
