using SolarHub.History.Querying;
using SolarHub.History.Storage;
using SolarHub.History.Tests.Support;
using static SolarHub.History.Tests.Support.Samples;

namespace SolarHub.History.Tests;

/// <summary>The store on a real SQLite file and a real PostgreSQL database: round trips, aggregates by hand, retention.</summary>
public sealed class HistoryStoreTests
{
    [Fact] public Task Sqlite_round_trip() => RoundTrip("sqlite");
    [PostgresFact] public Task Postgres_round_trip() => RoundTrip("postgres");
    [Fact] public Task Sqlite_aggregates() => Aggregates("sqlite");
    [PostgresFact] public Task Postgres_aggregates() => Aggregates("postgres");
    [Fact] public Task Sqlite_retention() => Retention("sqlite");
    [PostgresFact] public Task Postgres_retention() => Retention("postgres");
    [Fact] public Task Sqlite_reading_a_database_without_history() => ReadingWithoutHistory("sqlite");
    [PostgresFact] public Task Postgres_reading_a_database_without_history() => ReadingWithoutHistory("postgres");

    private static async Task RoundTrip(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        IHistoryStore store = SqlHistoryStore.For(db.Config);
        var t = Day1.AddHours(10);
        var written = await store.WriteAsync([Bank("b1", t, 50), Pack("b1", 1, t, 60), Pack("b1", 2, t, 70, null, null), Pack("b2", 1, t, 80), Bank("b1", t.AddSeconds(10), 51)]);
        written.Should().Be(5);

        var bank = await store.QueryAsync(new HistoryQuery("b1", t, t.AddMinutes(1), HistoryResolution.Raw));
        bank.Metrics.Should().Equal(HistoryTable.Bank.Metrics);
        bank.Points.Select(p => (p.At, p.Values[0]!.Value.Avg, p.Values[3]!.Value.Avg)).Should().Equal((t, 50, -500), (t.AddSeconds(10), 51, -510));

        var pack = await store.QueryAsync(new HistoryQuery("b1", t, t.AddMinutes(1), HistoryResolution.Raw, Pack: 1));
        pack.Points.Should().ContainSingle();
        pack.Points[0].Values.Select(v => v!.Value.Avg).Should().Equal(60, 63, -10, -500, 3.2, 3.3, 0.1, 20, 25, 42);

        var silent = await store.QueryAsync(new HistoryQuery("b1", t, t.AddMinutes(1), HistoryResolution.Raw, Pack: 2));
        silent.Points[0].Values[7].Should().BeNull("pack 2 has no temperature sensor");
        // A batch where a metric is null in every row (PostgreSQL must still see its column type).
        (await store.WriteAsync([Pack("b1", 3, t, 10, null, null)])).Should().Be(1);
        (await store.QueryAsync(new HistoryQuery("b1", t, t.AddMinutes(1), HistoryResolution.Hour, Pack: 3))).Points.Single().Values[7].Should().BeNull();

        (await store.QueryAsync(new HistoryQuery("b1", t.AddSeconds(1), t.AddSeconds(10), HistoryResolution.Raw))).Points
            .Should().BeEmpty("'from' is inclusive and 'to' exclusive");

        // Writing the same samples again stores nothing new (a retry after an unclear commit).
        (await store.WriteAsync([Bank("b1", t, 50), Pack("b1", 1, t, 60)])).Should().Be(0);

        // A read-only store (an export) reads the same, and refuses to write.
        IHistoryStore reader = SqlHistoryStore.ForReading(db.Config);
        (await reader.QueryAsync(new HistoryQuery("b1", t, t.AddMinutes(1), HistoryResolution.Raw))).Points.Should().BeEquivalentTo(bank.Points);
        await reader.Invoking(r => r.WriteAsync([Bank("b1", t.AddSeconds(20), 52)])).Should().ThrowAsync<InvalidOperationException>();
    }

    private static async Task Aggregates(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        IHistoryStore store = SqlHistoryStore.For(db.Config);
        var h10 = Day1.AddHours(10);
        // Two batches touching the same hour: the second is merged into the stored bucket.
        await store.WriteAsync([Pack("b1", 1, h10, 10), Pack("b1", 1, h10.AddMinutes(20), 20, temperatureMin: null, temperatureMax: null)]);
        await store.WriteAsync([Pack("b1", 1, h10.AddMinutes(40), 30, 18, 30), Pack("b1", 1, h10.AddMinutes(70), 40)]);
        await store.WriteAsync([Pack("b1", 1, Day1.AddDays(1).AddMinutes(30), 90)]);
        // The same batch again changes no aggregate.
        await store.WriteAsync([Pack("b1", 1, h10.AddMinutes(40), 30, 18, 30)]);

        var hours = await store.QueryAsync(new HistoryQuery("b1", h10, h10.AddHours(2), HistoryResolution.Hour, Pack: 1));
        hours.Resolution.Should().Be(HistoryResolution.Hour);
        hours.Points.Select(p => (p.At, p.Samples)).Should().Equal((h10, 3), (h10.AddHours(1), 1));
        hours.Points[0].Values[0].Should().Be(new HistoryValue(20, 10, 30), "soc 10, 20, 30");
        hours.Points[0].Values[7].Should().Be(new HistoryValue(19, 18, 20), "temperature min 20 and 18 (none measured in the 10:20 sample)");
        hours.Points[0].Values[8].Should().Be(new HistoryValue(27.5, 25, 30));
        hours.Points[1].Values[0].Should().Be(new HistoryValue(40, 40, 40));

        // A span starting inside a bucket includes that bucket.
        (await store.QueryAsync(new HistoryQuery("b1", h10.AddMinutes(30), h10.AddMinutes(31), HistoryResolution.Hour, Pack: 1)))
            .Points.Select(p => p.At).Should().Equal(h10);

        var days = await store.QueryAsync(new HistoryQuery("b1", Day1, Day1.AddDays(2), HistoryResolution.Day, Pack: 1));
        days.Points.Select(p => (p.At, p.Samples, p.Values[0])).Should().Equal(
            (Day1, 4, new HistoryValue(25, 10, 40)),
            (Day1.AddDays(1), 1, new HistoryValue(90, 90, 90)));

        // Auto: raw up to 2 days, hourly up to 90, daily beyond.
        (await store.QueryAsync(new HistoryQuery("b1", Day1, Day1.AddDays(2), Pack: 1))).Resolution.Should().Be(HistoryResolution.Raw);
        (await store.QueryAsync(new HistoryQuery("b1", Day1, Day1.AddDays(10), Pack: 1))).Points.Should().HaveCount(3, "hours 10:00, 11:00 and day 2 00:00");
        (await store.QueryAsync(new HistoryQuery("b1", Day1, Day1.AddDays(100), Pack: 1))).Resolution.Should().Be(HistoryResolution.Day);
        (await store.QueryAsync(new HistoryQuery("b1", Day1, Day1.AddDays(2), HistoryResolution.Day, Pack: 2))).Points.Should().BeEmpty();
    }

    private static async Task Retention(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        IHistoryStore store = SqlHistoryStore.For(db.Config);
        var old = Day1;
        var recent = Day1.AddDays(40);
        await store.WriteAsync([Bank("b1", old.AddHours(1), 10), Pack("b1", 1, old.AddHours(1), 10), Bank("b1", recent, 20), Pack("b1", 1, recent, 20)]);

        // Raw before day 30 goes; hourly before day 1 12:00 goes (the 01:00 bucket); daily stays.
        var deleted = await store.DeleteExpiredAsync(Day1.AddDays(30), Day1.AddHours(12));
        deleted.Should().Be(4, "one raw and one hourly row each for the bank and the pack");

        var all = (Day1.AddDays(-1), Day1.AddDays(50));
        (await store.QueryAsync(new HistoryQuery("b1", all.Item1, all.Item2, HistoryResolution.Raw))).Points.Select(p => p.At).Should().Equal(recent);
        (await store.QueryAsync(new HistoryQuery("b1", all.Item1, all.Item2, HistoryResolution.Hour, Pack: 1))).Points.Select(p => p.At).Should().Equal(recent);
        (await store.QueryAsync(new HistoryQuery("b1", all.Item1, all.Item2, HistoryResolution.Day, Pack: 1))).Points.Select(p => p.At).Should().Equal(old, recent);
    }

    /// <summary>A read-only store (an export) on a database no node has recorded to: a clear error, and nothing created.</summary>
    private static async Task ReadingWithoutHistory(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        db.Execute("CREATE TABLE journal (id INTEGER PRIMARY KEY)");
        IHistoryStore store = SqlHistoryStore.ForReading(db.Config);

        var read = () => store.QueryAsync(new HistoryQuery("b1", Day1, Day1.AddDays(1), HistoryResolution.Hour));

        var missing = (await read.Should().ThrowAsync<MissingHistoryException>()).Which;
        missing.Message.Should().Contain(db.Config.Description).And.Contain("solarhub_history_bank_hourly");
        await store.Invoking(s => s.WriteAsync([Bank("b1", Day1, 50)])).Should().ThrowAsync<InvalidOperationException>();
        db.Scalar(db.IsPostgres
            ? "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename LIKE 'solarhub_history%'"
            : "SELECT count(*) FROM sqlite_master WHERE name LIKE 'solarhub_history%'").Should().Be(0);
    }
}
