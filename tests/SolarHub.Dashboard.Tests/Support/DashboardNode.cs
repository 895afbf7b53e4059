using System.Text.Json.Nodes;
using Akka.Hosting;
using SolarHub.Node.Api;
using SolarHub.Node.Tests.Support;

namespace SolarHub.Dashboard.Tests.Support;

/// <summary>
/// The node every dashboard test looks at, one for the collection (a node costs seconds): bank "house" (3 packs; passive
/// primary house-a, active-polling secondary house-b) and bank "shed" (2 packs behind one passive gateway, shed-gw).
/// Tests that fault it restore it and wait for <see cref="SettledAsync"/>. Failback holds down 3 s (not 10) so that a
/// bank is back on its primary soon after a failover test; history is sampled every 500 ms so that charts have points.
/// </summary>
public sealed class DashboardNode : IAsyncLifetime
{
    public const string Token = "dashboard-token-7c1e";
    public const string Primary = "house-a";
    public const string Secondary = "house-b";
    public const string StalePackAfter = "3s";

    public ApiNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await ApiNode.StartAsync(
            [
                ("house", 3, [(Primary, true, false), (Secondary, false, false)]),
                ("shed", 2, [("shed-gw", true, false)]),
            ],
            new ApiOptions { Token = Token },
            configureAkka: akka => akka.AddHocon(
                $$"""
                solarhub.bank { failback-hold-down = 3s, pack-stale-after = {{StalePackAfter}} }
                solarhub.history { sample-interval = 500ms, flush-interval = 500ms }
                """, HoconAddMode.Prepend));
        await SettledAsync();
    }

    /// <summary>
    /// Waits until both banks run normally: house on its primary with both adapters healthy and nothing forced, every
    /// pack of both banks fresh.
    /// </summary>
    public async Task SettledAsync()
    {
        await Node.PollAsync("/api/banks/house", b =>
                b["activeAdapter"]?.GetValue<string>() == Primary && b["forcedAdapter"] is null
                && b["adapters"]!.AsArray().All(a => a!["enabled"]!.GetValue<bool>() && a["state"]!.GetValue<string>() == "Healthy")
                && AllPacksFresh(b),
            "settled on its primary with both adapters healthy and every pack fresh");
        await Node.PollAsync("/api/banks/shed", AllPacksFresh, "had every pack fresh");
    }

    private static bool AllPacksFresh(JsonNode bank) =>
        bank["packs"]!.AsArray().Count > 0 && bank["packs"]!.AsArray().All(p => !p!["stale"]!.GetValue<bool>() && p["values"] is not null);

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
