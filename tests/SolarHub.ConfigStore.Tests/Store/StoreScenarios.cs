using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using Xunit.Abstractions;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Store;

/// <summary>
/// The store against a real database, through the hosting extension every node uses. Each scenario runs on SQLite
/// (<see cref="SqliteStoreTests"/>) and on PostgreSQL (<see cref="PostgresStoreTests"/>), each on a database of its own.
/// A "node" is one process's actor system; two nodes on one database are two clients.
/// </summary>
public abstract class StoreScenarios(string kind, ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    protected ITestOutputHelper Output { get; } = output;

    private Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreateAsync(kind);

    private static BankConfig NumberedBank(int i) => new($"bank-{i:000}", $"Bank {i}", Packs(1, 2), [Tcp("gw", 1, 8000 + i)]);

    protected async Task Persists_and_recovers_across_restarts()
    {
        await using var db = await NewDatabaseAsync();
        var expected = TwoBanks();
        await using (var node = await StoreNode.StartAsync(db.Config))
        {
            (await node.GetAsync()).Should().Be(new StoredConfig(HubConfig.Empty, 0), "a new database holds nothing");
            await node.MustStoreAsync([.. From(expected)]);
            await node.MustStoreAsync(new AdapterPriorityChanged("bank-1", "usb", 3), new BankRenamed("bank-2", "Garage"), new AdapterNodeChanged("bank-1", "usb", "pi-garage"));
            (await node.GetAsync()).Version.Should().Be(2);
        }
        expected = ConfigChangeApplier.Apply(expected,
            [new AdapterPriorityChanged("bank-1", "usb", 3), new BankRenamed("bank-2", "Garage"), new AdapterNodeChanged("bank-1", "usb", "pi-garage")]).Config;

        await using (var node = await StoreNode.StartAsync(db.Config))
        {
            var recovered = await node.GetAsync();
            recovered.Version.Should().Be(2);
            Canonical(recovered.Config).Should().Be(Canonical(expected));
            recovered.Config.Banks[0].Adapters.Single(a => a.Id == "usb").Node.Should().Be("pi-garage");
        }
        db.JournalRows().Should().Be(2, "one row per change set");
        db.Scalar($"SELECT MIN(identifier) FROM journal").Should().Be(ConfigStoreSerializer.SerializerId, "change sets are stored as the store's JSON");
    }

    protected async Task A_snapshot_and_the_change_sets_after_it_recover()
    {
        await using var db = await NewDatabaseAsync();
        const int total = HubConfigStore.SnapshotEvery + 5;
        var expected = HubConfig.Empty;
        await using (var node = await StoreNode.StartAsync(db.Config))
        {
            for (int i = 1; i <= total; i++)
            {
                var change = new BankAdded($"bank-{i:000}", $"Bank {i}", Packs(1));
                // Every other adapter on a node: the snapshot must keep nodes, and no node, alike.
                var attach = new AdapterAttached($"bank-{i:000}", Tcp("gw", 1, 8000 + i) with { Node = i % 2 == 0 ? $"pi-{i}" : null });
                await node.MustStoreAsync(change, attach);
                expected = ConfigChangeApplier.Apply(expected, [change, attach]).Config;
            }
            await Wait.UntilAsync(() => db.LatestSnapshot() == HubConfigStore.SnapshotEvery, "the snapshot at version 100", Generous);
        }
        db.Scalar($"SELECT MIN(serializer_id) FROM snapshot").Should().Be(ConfigStoreSerializer.SerializerId);

        // Without the change sets the snapshot covers, only snapshot + later change sets can give the whole configuration.
        db.Execute($"DELETE FROM journal WHERE persistence_id = '{HubConfigStore.Id}' AND sequence_number <= {HubConfigStore.SnapshotEvery}");
        await using (var node = await StoreNode.StartAsync(db.Config))
        {
            var recovered = await node.GetAsync();
            recovered.Version.Should().Be(total);
            recovered.Config.Banks.Should().HaveCount(total);
            Canonical(recovered.Config).Should().Be(Canonical(expected));
            recovered.Config.Banks.Select(b => b.Adapters.Single().Node).Should().Equal(Enumerable.Range(1, total).Select(i => i % 2 == 0 ? $"pi-{i}" : null));
        }
    }

    protected async Task An_invalid_change_set_is_rejected_naming_the_field_and_nothing_is_stored()
    {
        await using var db = await NewDatabaseAsync();
        await using var node = await StoreNode.StartAsync(db.Config);
        await node.MustStoreAsync([.. From(TwoBanks())]);

        // A valid change beside an invalid one: neither is stored.
        var answer = await node.ProposeAsync(new BankRenamed("bank-1", "Renamed"), new AdapterSettingsChanged("bank-2", Tcp("gw-c", 1, 70000, "10.0.0.2")));
        var rejected = answer.Should().BeOfType<ChangesRejected>().Subject;
        rejected.Errors.Should().ContainSingle().Which.ToString().Should().Be("banks[bank-2].adapters[gw-c].transport.port: 70000 is not a TCP port (1-65535)");

        answer = await node.ProposeAsync(new BankRenamed("bank-1", "Renamed"), new AdapterDetached("bank-1", "gw-zz"), new BankRemoved("bank-9"));
        answer.Should().BeOfType<ChangesRejected>().Which.Errors.Select(e => e.ToString()).Should().Equal(
            "banks[bank-1].adapters[gw-zz]: no such adapter", "banks[bank-9]: no such bank");

        answer = await node.ProposeAsync(new AdapterEnabledChanged("bank-2", "gw-c", false), new AdapterEnabledChanged("bank-2", "gw-d", false));
        answer.Should().BeOfType<ChangesRejected>().Which.Errors.Select(e => e.ToString()).Should().Equal("banks[bank-2].adapters: no enabled adapter: the bank would never be read");

        answer = await node.ProposeAsync(new ArrayDefined(new BatteryArrayConfig("all", "All", ["bank-1", "ghost"])));
        answer.Should().BeOfType<ChangesRejected>().Which.Errors.Select(e => e.ToString()).Should().Equal("arrays[all].bankIds[1]: 'ghost' is not the id of a bank");

        answer = await node.ProposeAsync(new AdapterNodeChanged("bank-1", "usb", "pi garage"));
        answer.Should().BeOfType<ChangesRejected>().Which.Errors.Select(e => e.ToString()).Should().Equal(
            "banks[bank-1].adapters[usb].node: 'pi garage' is not a node id: a space is not allowed (1-64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit)");

        var stored = await node.GetAsync();
        stored.Version.Should().Be(1);
        Canonical(stored.Config).Should().Be(Canonical(TwoBanks()));
        db.JournalRows().Should().Be(1);
    }

    protected async Task A_dry_run_plans_and_stores_nothing()
    {
        await using var db = await NewDatabaseAsync();
        await using (var node = await StoreNode.StartAsync(db.Config))
        {
            var answer = await node.ReplaceAsync(TwoBanks(), dryRun: true);
            var accepted = answer.Should().BeOfType<ChangesAccepted>().Subject;
            accepted.Stored.Should().BeFalse();
            accepted.Changes.Should().HaveCount(7);
            Canonical(accepted.Config).Should().Be(Canonical(TwoBanks()), "a dry run shows the configuration it would give");
            accepted.Version.Should().Be(0);

            (await node.ProposeAsync([new BankRemoved("nope")], dryRun: true)).Should().BeOfType<ChangesRejected>("a dry run is checked like a real change");
            (await node.GetAsync()).Should().Be(new StoredConfig(HubConfig.Empty, 0));
        }
        db.JournalRows().Should().Be(0);
        await using (var node = await StoreNode.StartAsync(db.Config))
            (await node.GetAsync()).Version.Should().Be(0);
    }

    protected async Task Replacing_with_the_same_configuration_stores_nothing()
    {
        await using var db = await NewDatabaseAsync();
        await using var node = await StoreNode.StartAsync(db.Config);
        (await node.ReplaceAsync(TwoBanks())).Should().BeOfType<ChangesAccepted>().Which.Stored.Should().BeTrue();

        var again = (await node.ReplaceAsync(TwoBanks())).Should().BeOfType<ChangesAccepted>().Subject;

        again.Changes.Should().BeEmpty();
        again.Stored.Should().BeFalse();
        again.Version.Should().Be(1);
        db.JournalRows().Should().Be(1);
    }

    protected async Task Proposing_changes_that_change_nothing_stores_nothing()
    {
        await using var db = await NewDatabaseAsync();
        await using var node = await StoreNode.StartAsync(db.Config);
        await node.MustStoreAsync([.. From(TwoBanks())]);

        // As the API's enable and the CLI's priority verb send them, for an adapter already so.
        var again = (await node.ProposeAsync(new AdapterEnabledChanged("bank-1", "gw-a", true), new AdapterPriorityChanged("bank-1", "usb", 2)))
            .Should().BeOfType<ChangesAccepted>().Subject;

        again.Changes.Should().BeEmpty();
        again.Stored.Should().BeFalse();
        again.Version.Should().Be(1);
        db.JournalRows().Should().Be(1);
    }

    protected async Task A_client_that_lost_the_race_is_refused_then_its_retry_is_applied_on_top()
    {
        await using var db = await NewDatabaseAsync();
        await using var first = await StoreNode.StartAsync(db.Config, name: "first");
        await using var second = await StoreNode.StartAsync(db.Config, name: "second");
        (await second.GetAsync()).Version.Should().Be(0);
        await first.MustStoreAsync([.. From(TwoBanks())]);
        (await second.GetAsync()).Version.Should().Be(0, "the second client does not follow the journal: it is stale");

        var shed = NumberedBank(3);
        var lost = await second.ProposeAsync(new BankAdded(shed.Id, shed.Name, shed.Packs), new AdapterAttached(shed.Id, shed.Adapters[0]));
        lost.Should().BeOfType<ChangesFailed>("version 1 is already stored by the first client");
        var retried = await second.ProposeAsync(new BankAdded(shed.Id, shed.Name, shed.Packs), new AdapterAttached(shed.Id, shed.Adapters[0]));

        var accepted = retried.Should().BeOfType<ChangesAccepted>().Subject;
        accepted.Version.Should().Be(2);
        accepted.Config.Banks.Select(b => b.Id).Should().Equal(["bank-1", "bank-2", shed.Id], "the retry applies on top of the first client's change");
        (await first.ProposeAsync(new BankRenamed("bank-2", "x"))).Should().BeOfType<ChangesFailed>("now the first client is stale");
        await using var third = await StoreNode.StartAsync(db.Config, name: "third");
        var final = await third.GetAsync();
        final.Version.Should().Be(2);
        Canonical(final.Config).Should().Be(Canonical(accepted.Config));
    }

    protected async Task Concurrent_changes_from_two_clients_are_all_applied_none_lost()
    {
        await using var db = await NewDatabaseAsync();
        await using var a = await StoreNode.StartAsync(db.Config, name: "client-a");
        await using var b = await StoreNode.StartAsync(db.Config, name: "client-b");
        const int each = 8;
        int refused = 0;
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();

        // Each client retries a refused change (as ConfigStoreClient does) against the fresh state.
        async Task<long> StoreWithRetry(StoreNode node, BankConfig bank)
        {
            for (int attempt = 1; attempt <= 30; attempt++)
            {
                var answer = await node.ProposeAsync(new BankAdded(bank.Id, bank.Name, bank.Packs), new AdapterAttached(bank.Id, bank.Adapters[0]));
                if (answer is ChangesAccepted { Stored: true } accepted)
                {
                    accepted.Config.Banks.Should().Contain(x => x.Id == bank.Id);
                    acknowledged[bank.Id] = accepted.Version;
                    return accepted.Version;
                }
                answer.Should().BeOfType<ChangesFailed>($"{bank.Id} is valid, so only a lost race may refuse it");
                Interlocked.Increment(ref refused);
            }
            throw new InvalidOperationException($"{bank.Id} was never stored");
        }

        var clock = Stopwatch.StartNew();
        var versions = await Task.WhenAll(Enumerable.Range(0, each).SelectMany(i => new[]
        {
            StoreWithRetry(a, NumberedBank(i)),
            StoreWithRetry(b, NumberedBank(100 + i)),
        }));
        Output.WriteLine($"{versions.Length} changes from two clients in {clock.ElapsedMilliseconds} ms, {refused} refused and retried");

        versions.Should().OnlyHaveUniqueItems("each acknowledged change set has its own version").And.BeEquivalentTo(Enumerable.Range(1, 2 * each).Select(v => (long)v));
        await using var reader = await StoreNode.StartAsync(db.Config, name: "reader");
        var final = await reader.GetAsync();
        // When the clients take turns (writers A, B, A in the journal) the default replay filter dropped the returning
        // writer's events on recovery (see Changes_stored_by_alternating_clients_are_all_recovered); if a bank goes
        // missing, say which was acknowledged at which version and what the journal holds.
        var missing = acknowledged.Keys.Except(final.Config.Banks.Select(x => x.Id)).ToList();
        if (missing.Count > 0)
            Output.WriteLine($"missing after recovery: {string.Join(", ", missing.Select(id => $"{id}@v{acknowledged[id]}"))}; " +
                $"journal rows {db.JournalRows()}; acknowledged: {string.Join(", ", acknowledged.OrderBy(p => p.Value).Select(p => $"v{p.Value}={p.Key}"))}");
        final.Version.Should().Be(2 * each);
        db.JournalRows().Should().Be(2 * each);
        final.Config.Banks.Select(x => x.Id).Should().BeEquivalentTo(Enumerable.Range(0, each).SelectMany(i => new[] { NumberedBank(i).Id, NumberedBank(100 + i).Id }));
    }

    /// <summary>
    /// Client A stores version 1, client B version 2, then A (after losing the race for version 2) version 3. Each
    /// client's journal has its own writer id, so the journal holds writers A, B, A. Akka.Persistence's default replay
    /// filter takes a writer that comes back after a newer one for a stale duplicate and drops its events, which lost
    /// acknowledged changes on recovery; the store must replay every stored version.
    /// </summary>
    protected async Task Changes_stored_by_alternating_clients_are_all_recovered()
    {
        static IConfigChange[] Add(int i)
        {
            var bank = NumberedBank(i);
            return [new BankAdded(bank.Id, bank.Name, bank.Packs), new AdapterAttached(bank.Id, bank.Adapters[0])];
        }
        await using var db = await NewDatabaseAsync();
        await using var a = await StoreNode.StartAsync(db.Config, name: "client-a");
        await a.MustStoreAsync(Add(0));
        await using (var b = await StoreNode.StartAsync(db.Config, name: "client-b"))
            await b.MustStoreAsync(Add(1));
        (await a.ProposeAsync(Add(2))).Should().BeOfType<ChangesFailed>("client A still believes it is at version 1, and version 2 is taken");
        (await a.MustStoreAsync(Add(2))).Version.Should().Be(3);

        await using var reader = await StoreNode.StartAsync(db.Config, name: "reader");
        var recovered = await reader.GetAsync();
        recovered.Version.Should().Be(3);
        recovered.Config.Banks.Select(x => x.Id).Should().Equal([NumberedBank(0).Id, NumberedBank(1).Id, NumberedBank(2).Id],
            "every acknowledged change is replayed, whichever client wrote it");
    }

    protected async Task A_running_node_follows_changes_stored_by_another_client_and_loses_no_request_meanwhile()
    {
        await using var db = await NewDatabaseAsync();
        await using var hub = await StoreNode.StartAsync(db.Config, followJournal: true, name: "hub");
        var published = new PublishedEvents(hub.System, typeof(HubConfigChanged));
        (await hub.GetAsync()).Version.Should().Be(0);
        await using var cli = await StoreNode.StartAsync(db.Config, name: "cli");

        var clock = Stopwatch.StartNew();
        await cli.MustStoreAsync([.. From(TwoBanks())]);
        var seen = await published.NextAsync<HubConfigChanged>(c => c.Version == 1, TimeSpan.FromSeconds(5), "the other client's change on the running node");
        Output.WriteLine($"followed in {clock.ElapsedMilliseconds} ms");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "the journal is polled every 200 ms");
        Canonical(seen.Config).Should().Be(Canonical(TwoBanks()));

        // Requests keep coming while the node reloads for the next change: every one is answered, none times out.
        var stored = cli.MustStoreAsync(new BankRenamed("bank-1", "Renamed"));
        var asks = new List<Task<StoredConfig>>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < until && !(asks.Count > 0 && asks[^1].IsCompleted && asks[^1].Result.Version == 2))
        {
            asks.Add(hub.Store.Ask<StoredConfig>(GetStoredConfig.Instance, TimeSpan.FromSeconds(5)));
            await Task.Delay(5);
        }
        await stored;
        var answers = await Task.WhenAll(asks);
        answers.Select(x => x.Version).Should().BeInAscendingOrder().And.Contain(2);
        (await hub.GetAsync()).Config.Banks[0].Name.Should().Be("Renamed");
        Output.WriteLine($"{answers.Length} requests during the reload, all answered");

        // The running node's own write after the other client's is stored on top, not lost.
        var own = await hub.ProposeAsync(new BankRenamed("bank-2", "Hub's"));
        own.Should().BeOfType<ChangesAccepted>().Which.Version.Should().Be(3);
    }

    protected async Task A_running_node_goes_on_following_after_the_journal_could_not_be_read()
    {
        await using var db = await NewDatabaseAsync();
        await using var hub = await StoreNode.StartAsync(db.Config, followJournal: true, akka => akka.AddHocon("akka.loglevel = INFO", HoconAddMode.Prepend), name: "hub");
        var published = new PublishedEvents(hub.System, typeof(HubConfigChanged), typeof(Info));
        (await hub.GetAsync()).Version.Should().Be(0);

        // The journal is gone for a while (a database being restored, a server restarting): the node's reads of the stored
        // version fail, and it says so once. Akka.Persistence.Query's event stream, which followed the journal before, did
        // not come back from this: the node never saw the change below (this test failed on SQLite and PostgreSQL).
        db.Execute("ALTER TABLE journal RENAME TO journal_away");
        await published.NextAsync<Info>(i => i.Message.ToString()!.Contains("stored version cannot be read"), TimeSpan.FromSeconds(10),
            "the store's failed read of the stored version");
        db.Execute("ALTER TABLE journal_away RENAME TO journal");

        await using var cli = await StoreNode.StartAsync(db.Config, name: "cli");
        await cli.MustStoreAsync([.. From(TwoBanks())]);
        var seen = await published.NextAsync<HubConfigChanged>(c => c.Version == 1, TimeSpan.FromSeconds(10),
            "the other client's change, stored after the journal came back");
        Canonical(seen.Config).Should().Be(Canonical(TwoBanks()));
    }
}
