using Akka.Actor;
using Akka.Configuration;
using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Store;

/// <summary>
/// A write that others race, or whose answer comes late, still gets the truth: it is retried until a deadline, and
/// a write sent again is answered with what the first one stored (issue: a large import said "nothing to change").
/// </summary>
public sealed class WriteRetryTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("write-retry", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"));

    [Fact]
    public async Task A_write_sent_again_is_answered_with_what_the_first_stored_not_planned_again()
    {
        await using var db = TestDatabase.Sqlite();
        await using var node = await StoreNode.StartAsync(db.Config);
        var import = new ReplaceConfig(ManyBanks(200), "import") { RequestId = Guid.NewGuid() };

        // The client's first ask timed out while the store was still storing; it sends the same write again.
        var first = node.Store.Ask<object>(import, TimeSpan.FromSeconds(30));
        var again = node.Store.Ask<object>(import, TimeSpan.FromSeconds(30));

        var stored = (await first).Should().BeOfType<ChangesAccepted>().Subject;
        var retried = (await again).Should().BeOfType<ChangesAccepted>().Subject;
        stored.Stored.Should().BeTrue();
        retried.Should().BeEquivalentTo(new { Stored = true, Version = 1L }, "the retry reports what was stored, not 'nothing to change'");
        retried.Changes.Should().HaveCount(stored.Changes.Count);
        db.Scalar("SELECT COUNT(*) FROM journal").Should().Be(1);
    }

    [Fact]
    public async Task A_write_sent_again_after_the_store_restarted_is_still_recognised()
    {
        await using var db = TestDatabase.Sqlite();
        var write = new ProposeChanges(From(TwoBanks()), "test") { RequestId = Guid.NewGuid() };
        await using (var node = await StoreNode.StartAsync(db.Config))
            (await node.Store.Ask<object>(write, TimeSpan.FromSeconds(15))).Should().BeOfType<ChangesAccepted>().Which.Stored.Should().BeTrue();
        await using var restarted = await StoreNode.StartAsync(db.Config);

        var answer = await restarted.Store.Ask<object>(write, TimeSpan.FromSeconds(15));

        answer.Should().BeOfType<ChangesAccepted>().Which.Should().BeEquivalentTo(new { Stored = true, Version = 1L });
    }

    [Fact]
    public async Task The_client_keeps_trying_a_write_others_keep_winning_until_it_is_stored_with_one_request_id()
    {
        var store = _system.ActorOf(Props.Create(() => new LosingStore(lostRaces: 12)));

        var answer = await ConfigStoreClient.ProposeAsync(store, [new BankRenamed("bank-1", "House")], "test", CancellationToken.None);

        answer.Should().BeOfType<ChangesAccepted>("twelve lost races in a row are not a reason to give up on a user's change");
        var ids = await store.Ask<IReadOnlyList<Guid?>>("ids", TimeSpan.FromSeconds(5));
        ids.Should().HaveCount(13).And.OnlyContain(id => id == ids[0] && id != null, "every attempt is the same write");
    }

    [Fact]
    public async Task The_client_gives_up_at_its_deadline_with_the_reason()
    {
        var store = _system.ActorOf(Props.Create(() => new LosingStore(int.MaxValue)));

        var answer = await ConfigStoreClient.ProposeAsync(store, [new BankRenamed("bank-1", "House")], "test", CancellationToken.None,
            retry: new WriteRetry(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500)));

        answer.Should().BeOfType<ChangesFailed>().Which.Reason.Should().Contain("another client");
    }

    [Fact]
    public async Task Three_clients_changing_the_same_configuration_at_once_all_get_their_changes_stored()
    {
        await using var db = TestDatabase.Sqlite();
        var clients = new List<StoreNode> { await StoreNode.StartAsync(db.Config, name: "client-0") };
        try
        {
            // The banks exist before the other clients start (as a CLI command starts on a stored configuration): their
            // changes then meet only lost races, never "no such bank" from a store that recovered before the banks were added.
            (await ConfigStoreClient.ReplaceAsync(clients[0].Store, ManyBanks(3), "setup", CancellationToken.None)).Should().BeOfType<ChangesAccepted>();
            for (int c = 1; c < 3; c++) clients.Add(await StoreNode.StartAsync(db.Config, name: $"client-{c}"));
            const int each = 12;
            var answers = await Task.WhenAll(clients.SelectMany((client, c) => Enumerable.Range(0, each).Select(async i =>
            {
                await Task.Yield();
                return await ConfigStoreClient.ProposeAsync(client.Store, [new AdapterPriorityChanged($"bank-{c}", "gw", 1 + (i % 5))], $"client {c}", CancellationToken.None);
            })));

            answers.Should().OnlyContain(a => a is ChangesAccepted, "no change fails because other clients write too: {0}",
                string.Join("; ", answers.OfType<ChangesFailed>().Select(f => f.Reason)));
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    private static HubConfig ManyBanks(int count) =>
        new(Enumerable.Range(0, count).Select(i => new BankConfig($"bank-{i}", $"Bank {i}", Packs(1, 2, 3), [Tcp("gw", 1, 8000 + i)])).ToList(), []);

    /// <summary>A store that another client beats to every write <c>lostRaces</c> times, then stores; it remembers each attempt's request id.</summary>
    private sealed class LosingStore : ReceiveActor
    {
        public LosingStore(int lostRaces)
        {
            var ids = new List<Guid?>();
            Receive<ProposeChanges>(p =>
            {
                ids.Add(p.RequestId);
                Sender.Tell(ids.Count <= lostRaces
                    ? new ChangesFailed("the change was not stored: another client stored a change at the same time") { MayRetry = true }
                    : new ChangesAccepted(p.Changes, HubConfig.Empty, ids.Count, Stored: true));
            });
            Receive<string>(_ => Sender.Tell(ids.ToList()));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();
}
