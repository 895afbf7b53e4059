using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Database;

namespace SolarHub.ConfigStore.Tests.Store;

/// <summary>
/// A stored configuration that cannot be read (here a stored change whose bytes no longer decode; on a site, a disk the
/// system turned read-only) is said in one line by the store's supervisor, again at each retry: not also as Akka.Persistence's error
/// with the driver's stack trace, which filled a node's log during `bench faults`' database-read-only row.
/// </summary>
public sealed class UnreadableDatabaseLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-unreadable-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task A_store_that_cannot_read_its_database_says_so_in_one_line_without_a_stack_trace()
    {
        // A stored change whose bytes no longer decode (a damaged disk): the database opens, the store's recovery fails.
        var database = ConfigDatabase.Sqlite(Path.Combine(_folder, "solarhub.db"));
        await using (var writer = await StoreNode.StartAsync(database, name: "writer"))
            await writer.MustStoreAsync([.. Configs.From(Configs.TwoBanks())]);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE journal SET message = X'00FF00FF'";
            (await command.ExecuteNonQueryAsync()).Should().BeGreaterThan(0);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var node = await StoreNode.StartAsync(database);
        var logged = new ConcurrentQueue<LogEvent>();
        node.System.EventStream.Subscribe(node.System.ActorOf(Props.Create(() => new LogCollector(logged))), typeof(LogEvent));

        // The supervisor retries with a backoff: wait for a failure said after the subscription.
        await Wait.UntilAsync(() => logged.Any(e => e.Message.ToString()!.Contains("configuration store failed", StringComparison.Ordinal)),
            "the store's supervisor saying it failed", TimeSpan.FromSeconds(60));

        logged.Where(e => e is Error { Cause: not null }).Select(e => $"{e.LogSource}: {e.Message}").Should().BeEmpty();
        logged.Should().Contain(e => e.Message.ToString()!.Contains("the stored configuration cannot be read", StringComparison.Ordinal));
    }

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<LogEvent> into) => Receive<LogEvent>(into.Enqueue);
    }
}
