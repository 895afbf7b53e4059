using Akka.Actor;
using SolarHub.ConfigStore.StartCopy;
using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.StartCopy;

/// <summary>
/// A node started from its database's current start copy keeps the store at rest on it: reads are answered from the
/// copy, and the journal (Akka.Persistence.Sql, linq2db) is loaded only when the configuration changes.
/// </summary>
public sealed class RestingStoreTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    /// <summary>Two banks stored by another client, as version 1, and the copy it would keep of them.</summary>
    private static async Task<ConfigStartCopy> StoreTwoBanksAsync(TestDatabase db)
    {
        await using var cli = await StoreNode.StartAsync(db.Config, name: "cli");
        var accepted = await cli.MustStoreAsync([.. From(TwoBanks())]);
        return await ConfigStartCopy.OfStoredAsync(db.Config, accepted.Version, accepted.Config, CancellationToken.None);
    }

    private static bool JournalStarted(StoreNode node) => node.System.HasExtension<Akka.Persistence.PersistenceExtension>();

    [Fact]
    public async Task Reads_are_answered_from_the_copy_without_starting_the_journal()
    {
        await using var db = TestDatabase.Sqlite();
        var copy = await StoreTwoBanksAsync(db);
        await using var hub = await StoreNode.StartAsync(db.Config, name: "hub", restOn: copy);

        var stored = await hub.GetAsync();
        var current = await hub.Store.Ask<HubConfigChanged>(GetCurrentHubConfig.Instance, Generous);

        stored.Version.Should().Be(1);
        Canonical(stored.Config).Should().Be(Canonical(TwoBanks()));
        current.Version.Should().Be(1);
        JournalStarted(hub).Should().BeFalse("nothing changed, so nothing needed the journal");
        await hub.System.ActorSelection("/user/solarhub-config/resting").ResolveOne(Generous);
    }

    [Fact]
    public async Task A_write_loads_the_journal_and_is_stored_on_top_and_a_read_sent_behind_it_sees_it()
    {
        await using var db = TestDatabase.Sqlite();
        var copy = await StoreTwoBanksAsync(db);
        await using var hub = await StoreNode.StartAsync(db.Config, name: "hub", restOn: copy);
        (await hub.GetAsync()).Version.Should().Be(1);

        var write = hub.ProposeAsync(new BankRenamed("bank-1", "Renamed"));
        var read = hub.GetAsync();

        (await write).Should().BeOfType<ChangesAccepted>().Which.Version.Should().Be(2);
        var after = await read;
        after.Version.Should().Be(2, "the read waited for the store, and the write ahead of it");
        after.Config.Banks.Single(b => b.Id == "bank-1").Name.Should().Be("Renamed");
        JournalStarted(hub).Should().BeTrue();
    }

    [Fact]
    public async Task Another_clients_change_loads_the_journal_and_reaches_the_node()
    {
        await using var db = TestDatabase.Sqlite();
        var copy = await StoreTwoBanksAsync(db);
        await using var hub = await StoreNode.StartAsync(db.Config, name: "hub", restOn: copy);
        var published = new PublishedEvents(hub.System, typeof(HubConfigChanged));
        (await hub.GetAsync()).Version.Should().Be(1);

        await using (var cli = await StoreNode.StartAsync(db.Config, name: "cli"))
            await cli.MustStoreAsync(new BankRenamed("bank-2", "Garage"));

        var seen = await published.NextAsync<HubConfigChanged>(c => c.Version == 2, Generous, "the other client's change on the resting node");
        seen.Config.Banks.Single(b => b.Id == "bank-2").Name.Should().Be("Garage");
        (await hub.GetAsync()).Version.Should().Be(2);
    }

    [Fact]
    public void Only_a_store_that_follows_the_journal_can_rest_on_a_copy()
    {
        // A store that does not follow (a CLI's) would answer from the copy while other clients change the journal.
        var act = () => ConfigStoreSupervisor.Props(followJournal: false, Database.ConfigDatabase.Sqlite("hub.db"), new ConfigStartCopy(1, HubConfig.Empty));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("restOn");
    }
}
