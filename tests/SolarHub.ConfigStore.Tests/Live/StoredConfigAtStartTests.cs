using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Hosting;

namespace SolarHub.ConfigStore.Tests.Live;

/// <summary>
/// Store and banks embedded the documented way (<c>WithSolarHubConfigStore</c> + <c>WithSolarHub(followConfigChanges: true)</c>)
/// run the stored banks with no extra step, even when the store recovered and published its configuration before the
/// bank registry existed, and then follow later changes.
/// </summary>
[Collection(RealTime.Name)]
public sealed class StoredConfigAtStartTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = TestDatabase.Sqlite();
        await using var writer = await StoreNode.StartAsync(_db.Config, name: "writer");
        // Adapters on closed ports: the bank runs (Down) whether or not anything answers.
        await writer.MustStoreAsync([.. Configs.From(new HubConfig([Configs.Bank("stored", Configs.Tcp("gw", 1, LoopbackPorts.Free()))], []))]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_registry_started_after_the_store_published_runs_the_stored_banks_and_follows_changes()
    {
        await using var hub = await StoreNode.StartAsync(_db.Config, more: akka =>
        {
            // The race made certain: the store has recovered (and published the configuration) before the registry starts.
            akka.WithActors((_, registry) => registry.Get<ConfigStoreKey>()
                .Ask<StoredConfig>(GetStoredConfig.Instance, Generous).GetAwaiter().GetResult());
            akka.WithSolarHub(HubConfig.Empty, followConfigChanges: true);
        }, name: "hub");
        var banks = hub.Services.GetRequiredService<IRequiredActor<BankRegistryKey>>().ActorRef;

        await Wait.UntilAsync(() => BankIdsAsync(banks), ids => ids.SequenceEqual(["stored"]), "the stored bank running", Generous);

        var stored = await hub.GetAsync();
        await hub.MustStoreAsync([.. ConfigPlanner.Plan(stored.Config, stored.Config with
        {
            Banks = [.. stored.Config.Banks, Configs.Bank("later", Configs.Tcp("gw-2", 1, LoopbackPorts.Free()))],
        })]);
        await Wait.UntilAsync(() => BankIdsAsync(banks), ids => ids.SequenceEqual(["later", "stored"]), "the bank added later running too", Generous);
    }

    private static async Task<IReadOnlyList<string>> BankIdsAsync(IActorRef banks) =>
        (await banks.Ask<BankIds>(GetBankIds.Instance, TimeSpan.FromSeconds(5))).Ids;

}
