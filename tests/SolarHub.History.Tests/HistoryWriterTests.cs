using Akka.Actor;
using Akka.TestKit;
using SolarHub.Core.Configuration;
using SolarHub.Database;
using SolarHub.History.Querying;
using SolarHub.History.Recording;
using SolarHub.History.Storage;
using SolarHub.History.Tests.Support;
using Xunit.Abstractions;
using static SolarHub.History.Tests.Support.Samples;

namespace SolarHub.History.Tests;

/// <summary>
/// The writer in virtual time over a real SQLite store behind a switch that makes writes fail (the database "down"):
/// buffered samples survive an outage; over the bound the oldest are dropped and reported.
/// </summary>
public sealed class HistoryWriterTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Config = """
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.log-dead-letters = off
        akka.test.single-expect-default = 10s
        """;

    private static readonly HistoryOptions Options = HistoryOptions.FromConfig(HistoryOptions.Defaults) with
    {
        BatchSize = 4,
        BufferLimit = 10,
        FlushInterval = TimeSpan.FromSeconds(10),
        RetryBackoffMin = TimeSpan.FromSeconds(1),
        RetryBackoffMax = TimeSpan.FromSeconds(4),
        // The samples are from 2026-01-01: retention must not delete them under the test's feet.
        RawRetention = TimeSpan.FromDays(36500),
        HourlyRetention = TimeSpan.FromDays(36500),
    };

    private readonly TestDatabase _db = TestDatabase.Sqlite();
    private readonly SwitchedStore _store;
    private IActorRef _writer = ActorRefs.Nobody;

    public HistoryWriterTests(ITestOutputHelper output) : base(Config, output) => _store = new SwitchedStore(SqlHistoryStore.For(_db.Config));

    public async Task InitializeAsync()
    {
        _writer = Sys.ActorOf(HistoryWriter.Props(_store, Options));
        await _writer.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        Shutdown();
        await _db.DisposeAsync();
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private static List<HistorySample> Seconds(int from, int count) => Enumerable.Range(from, count).Select(i => Bank("b1", Day1.AddSeconds(i), i)).ToList();

    private Task<HistoryStatus> StatusAsync() => _writer.Ask<HistoryStatus>(GetHistoryStatus.Instance, TimeSpan.FromSeconds(10));

    private async Task<List<double>> StoredAsync() =>
        (await ((IHistoryStore)_store.Inner).QueryAsync(new HistoryQuery("b1", Day1, Day1.AddDays(1), HistoryResolution.Raw)))
            .Points.Select(p => p.Values[0]!.Value.Avg).ToList();

    [Fact]
    public async Task Samples_are_written_in_batches_at_the_flush_interval()
    {
        _writer.Tell(new HistoryBatch(Seconds(0, 6)));
        Clock.Advance(Options.FlushInterval - TimeSpan.FromMilliseconds(1));
        await Task.Delay(200);
        _store.Writes.Should().Be(0, "nothing is written before the flush interval");

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        await AwaitAssertAsync(async () => (await StatusAsync()).Written.Should().Be(6), TimeSpan.FromSeconds(10));
        _store.Writes.Should().Be(2, "6 samples in batches of at most 4");
        (await StoredAsync()).Should().Equal(Enumerable.Range(0, 6).Select(i => (double)i));
        (await StatusAsync()).Should().Match<HistoryStatus>(s => s.Buffered == 0 && s.Healthy && s.LastWriteAt != null);
    }

    [Fact]
    public async Task An_outage_below_the_bound_loses_nothing()
    {
        _store.Failing = true;
        _writer.Tell(new HistoryBatch(Seconds(0, 3)));
        (await _writer.Ask<HistoryFlushed>(FlushHistory.Instance, TimeSpan.FromSeconds(10))).Buffered.Should().Be(3);
        var failing = await StatusAsync();
        failing.Healthy.Should().BeFalse();
        failing.LastError.Should().Contain("database down");
        failing.Buffered.Should().Be(3);

        // Still down at the first retry (after 1 s); more samples arrive meanwhile.
        _writer.Tell(new HistoryBatch(Seconds(3, 4)));
        int attempts = _store.Attempts;
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AwaitAssertAsync(async () => (await StatusAsync()).FailedWrites.Should().Be(2), TimeSpan.FromSeconds(10));

        // The database is back: the next retry (2 s later: the backoff doubled) writes everything.
        _store.Failing = false;
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        _store.Attempts.Should().Be(attempts + 1, "the backoff doubled to 2 s");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AwaitAssertAsync(async () => (await StatusAsync()).Should().Match<HistoryStatus>(s => s.Buffered == 0 && s.Healthy && s.DroppedTotal == 0), TimeSpan.FromSeconds(10));
        (await StoredAsync()).Should().Equal(Enumerable.Range(0, 7).Select(i => (double)i));
    }

    [Fact]
    public async Task Over_the_bound_the_oldest_are_dropped_and_reported()
    {
        _store.Failing = true;
        _writer.Tell(new HistoryBatch(Seconds(0, 4)));
        (await _writer.Ask<HistoryFlushed>(FlushHistory.Instance, TimeSpan.FromSeconds(10))).Buffered.Should().Be(4);

        // 4 buffered + 9 new = 13 > 10: the 3 oldest (seconds 0 to 2) go.
        await EventFilter.Warning(contains: $"dropped the 3 oldest samples, taken from {Day1:O} to {Day1.AddSeconds(2):O}")
            .ExpectOneAsync(() =>
            {
                _writer.Tell(new HistoryBatch(Seconds(4, 9)));
                return Task.CompletedTask;
            });
        (await StatusAsync()).Should().Match<HistoryStatus>(s => s.DroppedTotal == 3 && s.Buffered == 10);

        _store.Failing = false;
        Clock.Advance(TimeSpan.FromSeconds(1));
        (await _writer.Ask<HistoryFlushed>(FlushHistory.Instance, TimeSpan.FromSeconds(10))).Buffered.Should().Be(0);
        (await StoredAsync()).Should().Equal(Enumerable.Range(3, 10).Select(i => (double)i));
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_is_reported_not_fatal()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        var unreachable = ConfigDatabase.Parse($"Host=127.0.0.1;Port={port};Database=none;Username=nobody;Timeout=2");
        var writer = Sys.ActorOf(HistoryWriter.Props(SqlHistoryStore.For(unreachable), Options));
        writer.Tell(new HistoryBatch(Seconds(0, 2)));
        (await writer.Ask<HistoryFlushed>(FlushHistory.Instance, TimeSpan.FromSeconds(20))).Buffered.Should().Be(2);
        var status = await writer.Ask<HistoryStatus>(GetHistoryStatus.Instance, TimeSpan.FromSeconds(10));
        status.Healthy.Should().BeFalse();
        status.LastError.Should().NotBeNullOrEmpty();
        status.Database.Should().Contain($"127.0.0.1:{port}");
    }

    /// <summary>A real store whose writes fail while <see cref="Failing"/> is set, as when the database is down.</summary>
    private sealed class SwitchedStore(IHistoryStore inner) : IHistoryStore
    {
        private int _attempts;
        private int _writes;

        public IHistoryStore Inner => inner;
        public volatile bool Failing;
        public int Attempts => Volatile.Read(ref _attempts);
        public int Writes => Volatile.Read(ref _writes);
        public string Description => inner.Description;

        public async Task<int> WriteAsync(IReadOnlyList<HistorySample> samples, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _attempts);
            await Task.Yield();
            if (Failing) throw new InvalidOperationException("database down");
            Interlocked.Increment(ref _writes);
            return await inner.WriteAsync(samples, ct);
        }

        public Task<long> DeleteExpiredAsync(DateTimeOffset rawBefore, DateTimeOffset hourlyBefore, CancellationToken ct = default) =>
            inner.DeleteExpiredAsync(rawBefore, hourlyBefore, ct);

        public IAsyncEnumerable<HistoryPoint> ReadAsync(HistoryQuery query, CancellationToken ct = default) => inner.ReadAsync(query, ct);
    }
}
