using SolarHub.History.Energy;

namespace SolarHub.History.Tests.Energy;

/// <summary>The counters on a real SQLite file and a real PostgreSQL database.</summary>
public sealed class EnergyStoreTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact] public Task Sqlite_counters_add_up_per_pack_bank_and_day() => AddUp("sqlite");
    [PostgresFact] public Task Postgres_counters_add_up_per_pack_bank_and_day() => AddUp("postgres");

    private static async Task AddUp(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        IEnergyStore store = SqlEnergyStore.For(db.Config);
        long d1 = EnergyKey.DayOf(Day1), d2 = EnergyKey.DayOf(Day1.AddDays(1));

        var first = await store.AddAsync(new Dictionary<EnergyKey, EnergyDelta>
        {
            [new("house", 1, d1)] = new(1000, 200),
            [new("house", 2, d1)] = new(500, 0),
            [new("shed", 0, d1)] = new(0, 300),
        }, Day1);

        first.Select(b => (b.BankId, b.ChargedKwh, b.DischargedKwh)).Should().Equal(("house", 1.5, 0.2), ("shed", 0, 0.3));
        first[0].Packs.Select(p => (p.Address, p.ChargedKwh)).Should().Equal(((byte)1, 1.0), ((byte)2, 0.5));
        first[1].Packs.Should().ContainSingle().Which.Address.Should().Be(0, "address 0 is a pack like any other");

        // Another store on the same database (a restart, or the node the bank moved to) adds to what is stored.
        IEnergyStore after = SqlEnergyStore.For(db.Config);
        var second = await after.AddAsync(new Dictionary<EnergyKey, EnergyDelta> { [new("house", 1, d2)] = new(250, 50) }, Day1.AddDays(1));

        second.Should().ContainSingle();
        (second[0].ChargedKwh, second[0].DischargedKwh).Should().Be((1.75, 0.25));
        second[0].At.Should().Be(Day1.AddDays(1));
        second[0].Packs.Select(p => p.ChargedKwh).Should().Equal(1.25, 0.5);

        var days = await after.ReadDaysAsync("house", null, DateOnly.FromDateTime(Day1.UtcDateTime), DateOnly.FromDateTime(Day1.UtcDateTime.AddDays(1)));
        days.Should().Equal(new EnergyDay(new DateOnly(2026, 3, 1), 1.5, 0.2), new EnergyDay(new DateOnly(2026, 3, 2), 0.25, 0.05));
        (await after.ReadDaysAsync("house", 2, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31))).Should().Equal(new EnergyDay(new DateOnly(2026, 3, 1), 0.5, 0));
        (await after.ReadDaysAsync("house", null, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2))).Should().ContainSingle("both ends are included, nothing else");

        (await after.ReadTotalsAsync(null)).Select(b => b.BankId).Should().Equal("house", "shed");
        (await after.ReadTotalsAsync("nowhere")).Should().BeEmpty();
    }
}
