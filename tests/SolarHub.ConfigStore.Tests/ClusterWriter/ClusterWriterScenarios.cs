using System.Data.Common;
using Akka.Actor;
using SolarHub.ConfigStore.ClusterWriter;
using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;

namespace SolarHub.ConfigStore.Tests.ClusterWriter;

/// <summary>
/// The writer's lease and the inbox on one kind of database: the tables alone, then a store with a
/// <see cref="ConfigInboxWriter"/> answering a client as the cluster's writer does.
/// </summary>
public abstract class ClusterWriterScenarios(string kind)
{
    private static readonly IConfigChange[] DisableGwA = [new AdapterEnabledChanged("bank-1", "gw-a", false)];

    protected async Task No_lease_then_a_fresh_one_then_a_stale_one()
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        var tables = new ConfigWriterTables(db.Config);
        var lease = new WriterLeaseTable(tables);
        var client = new ClusterWriterClient(tables);

        (await lease.ReadAsync(default)).Should().BeNull("no cluster writer ever ran here");
        (await client.LiveWriterAsync(default)).Should().BeNull();

        await lease.RenewAsync("n1", default);
        var read = await lease.ReadAsync(default);
        read!.Node.Should().Be("n1");
        read.Age.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero).And.BeLessThan(TimeSpan.FromSeconds(2));
        (await client.LiveWriterAsync(default))!.Node.Should().Be("n1");

        await lease.RenewAsync("n2", default);
        (await client.LiveWriterAsync(default))!.Node.Should().Be("n2", "the writer moved: the row is taken over, never doubled");
        db.Scalar("SELECT COUNT(*) FROM config_writer").Should().Be(1);

        db.Execute("UPDATE config_writer SET renewed_at = renewed_at - 6");
        (await lease.ReadAsync(default))!.Age.Should().BeGreaterThan(TimeSpan.FromSeconds(6));
        (await client.LiveWriterAsync(default)).Should().BeNull("a writer that missed five renewals is gone: the client writes itself");
    }

    protected async Task A_request_goes_in_once_is_answered_read_and_deleted()
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        var inbox = new ConfigInbox(new ConfigWriterTables(db.Config));
        var write = new ProposeChanges(DisableGwA, "adapter disable bank-1/gw-a") { RequestId = Guid.NewGuid() };

        await inbox.SubmitAsync(write, default);
        await inbox.SubmitAsync(write, default);
        var pending = await inbox.PendingAsync(default);
        pending.Should().ContainSingle("the request id is the row's key");
        var taken = pending[0].Write.Should().BeOfType<ProposeChanges>().Subject;
        (taken.RequestId, taken.Source, taken.Changes.Single()).Should().Be((write.RequestId, write.Source, DisableGwA[0]));
        (await inbox.ReadAnswerAsync(write.RequestId!.Value, default)).Should().BeNull();

        var accepted = new ChangesAccepted(DisableGwA, HubConfig.Empty, 7, Stored: true);
        await inbox.AnswerAsync(write.RequestId.Value, "n2", accepted, default);
        (await inbox.PendingAsync(default)).Should().BeEmpty();
        var answer = await inbox.ReadAnswerAsync(write.RequestId.Value, default);
        answer!.Node.Should().Be("n2");
        var read = answer.Answer.Should().BeOfType<ChangesAccepted>().Subject;
        (read.Version, read.Stored, read.Changes.Single()).Should().Be((7L, true, DisableGwA[0]));

        (await inbox.DeleteAsync(write.RequestId.Value, default)).Should().BeTrue();
        db.Scalar("SELECT COUNT(*) FROM config_inbox").Should().Be(0);
    }

    protected async Task Rows_older_than_ten_minutes_are_purged()
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        var inbox = new ConfigInbox(new ConfigWriterTables(db.Config));
        var old = new ProposeChanges(DisableGwA, "old") { RequestId = Guid.NewGuid() };
        var recent = new ProposeChanges(DisableGwA, "recent") { RequestId = Guid.NewGuid() };
        await inbox.SubmitAsync(old, default);
        db.Execute($"UPDATE config_inbox SET submitted_at = submitted_at - 601");
        await inbox.SubmitAsync(recent, default);

        (await inbox.PurgeAsync(ConfigInboxWriter.PurgeAfter, default)).Should().Be(1);
        (await inbox.PendingAsync(default)).Select(r => r.Id).Should().Equal(recent.RequestId!.Value);
    }

    protected async Task The_writer_stores_a_request_once_even_when_a_next_writer_takes_the_same_row_again()
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        await using var node = await StoreNode.StartAsync(db.Config, followJournal: true);
        await node.MustStoreAsync([.. Configs.From(Configs.TwoBanks())]);
        var tables = new ConfigWriterTables(db.Config);
        var writer = node.System.ActorOf(ConfigInboxWriter.Props("n1", node.Store, tables), "inbox-writer");
        var client = new ClusterWriterClient(tables);
        var lease = await WaitForLeaseAsync(client);
        lease.Node.Should().Be("n1");

        var write = new ProposeChanges(DisableGwA, "adapter disable bank-1/gw-a") { RequestId = Guid.NewGuid() };
        var answer = await client.SendAsync(write, lease, (_, _) => { }, default);
        answer.Node.Should().Be("n1");
        answer.Answer.Should().BeOfType<ChangesAccepted>().Which.Stored.Should().BeTrue();
        db.JournalRows().Should().Be(2);
        db.Scalar("SELECT COUNT(*) FROM config_inbox").Should().Be(0, "the client deletes the row it read");

        // A writer that died after storing but before answering leaves the row; the next one sends it again.
        await writer.GracefulStop(TimeSpan.FromSeconds(5));
        node.System.ActorOf(ConfigInboxWriter.Props("n2", node.Store, tables), "next-inbox-writer");
        var again = await client.SendAsync(write, lease, (_, _) => { }, default);
        again.Node.Should().Be("n2");
        var stored = again.Answer.Should().BeOfType<ChangesAccepted>().Subject;
        (stored.Version, stored.Stored).Should().Be((2L, true), "the store answers what it stored under that request id");
        db.JournalRows().Should().Be(2, "the change is stored once");
        (await node.GetAsync()).Config.Banks.Single(b => b.Id == "bank-1").Adapters.Single(a => a.Id == "gw-a").Enabled.Should().BeFalse();
    }

    protected async Task A_request_no_writer_answers_is_withdrawn_at_the_deadline()
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        var tables = new ConfigWriterTables(db.Config);
        await new WriterLeaseTable(tables).RenewAsync("n1", default);
        var client = new ClusterWriterClient(tables);
        var waited = new List<string?>();
        var write = new ProposeChanges(DisableGwA, "adapter disable bank-1/gw-a") { RequestId = Guid.NewGuid() };

        var send = () => client.SendAsync(write, new WriterLease("n1", TimeSpan.Zero), (_, writer) => waited.Add(writer), default, deadline: TimeSpan.FromSeconds(3));

        (await send.Should().ThrowAsync<ConfigWriterSilentException>()).Which.Node.Should().Be("n1");
        waited.Should().Equal(["n1"], "the wait is said after 2 s, naming the writer the lease names");
        db.Scalar("SELECT COUNT(*) FROM config_inbox").Should().Be(0, "no writer may apply later a change its user was told failed");
    }

    private static async Task<WriterLease> WaitForLeaseAsync(ClusterWriterClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await client.LiveWriterAsync(default) is { } lease) return lease;
            }
            catch (DbException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException("the inbox writer took no lease within 10 s");
    }
}
