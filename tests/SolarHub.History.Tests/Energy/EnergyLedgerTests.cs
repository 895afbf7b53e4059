using SolarHub.Core.Telemetry;
using SolarHub.History.Energy;

namespace SolarHub.History.Tests.Energy;

public sealed class EnergyLedgerTests
{
    private static readonly DateTimeOffset Late = new(2026, 6, 1, 23, 59, 59, TimeSpan.Zero);

    internal static PackTelemetry Reading(string bank, byte address, DateTimeOffset at, double voltage, double current, bool stale = false) =>
        new(bank, address, "gw", at, stale, [3.3, 3.3], 3.3, 3.3, 0, voltage, current, voltage * current, 50, 100, 50, 100, 1, null, [], [], true, true, false);

    [Fact]
    public void Energy_is_kept_per_pack_and_utc_day_of_the_reading_that_ends_the_interval()
    {
        var ledger = new EnergyLedger(TimeSpan.FromSeconds(30));
        ledger.Add(Reading("b", 1, Late, 50, 36));
        ledger.Add(Reading("b", 1, Late.AddSeconds(2), 50, 36)); // 1800 W for 2 s = 1 Wh, ending on the next day
        ledger.Add(Reading("b", 2, Late, 50, -36));
        ledger.Add(Reading("b", 2, Late.AddSeconds(-1).AddSeconds(1.5), 50, -36)); // 0.5 s of discharge, the same day

        var pending = ledger.TakePending();

        long day1 = EnergyKey.DayOf(Late), day2 = EnergyKey.DayOf(Late.AddSeconds(2));
        day2.Should().Be(day1 + 86_400_000);
        pending[new EnergyKey("b", 1, day2)].ChargedWh.Should().BeApproximately(1, 1e-9);
        pending[new EnergyKey("b", 2, day1)].DischargedWh.Should().BeApproximately(0.25, 1e-9);
        pending.Should().ContainKey(new EnergyKey("b", 1, day1), "the first reading marks its day (0 Wh) so the bank is published");
        ledger.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void What_a_failed_write_took_is_counted_again_with_what_came_since()
    {
        var ledger = new EnergyLedger(TimeSpan.FromSeconds(30));
        ledger.Add(Reading("b", 1, Late.AddHours(-1), 50, 36));
        ledger.Add(Reading("b", 1, Late.AddHours(-1).AddSeconds(2), 50, 36));
        var failed = ledger.TakePending();

        ledger.Add(Reading("b", 1, Late.AddHours(-1).AddSeconds(4), 50, 36));
        ledger.PutBack(failed);

        ledger.TakePending().Values.Sum(d => d.ChargedWh).Should().BeApproximately(2, 1e-9);
    }

    [Fact]
    public void A_bank_that_left_this_node_is_not_bridged_to_its_return_and_what_was_counted_stays()
    {
        // Counted here until the bank moved to another node, which counted the next 20 s; then it came back within max-gap.
        var ledger = new EnergyLedger(TimeSpan.FromSeconds(30));
        ledger.Add(Reading("b", 1, Late.AddHours(-1), 50, 36));
        ledger.Add(Reading("b", 1, Late.AddHours(-1).AddSeconds(2), 50, 36));
        ledger.Add(Reading("other", 1, Late.AddHours(-1).AddSeconds(2), 50, 36));

        ledger.Forget("b");
        ledger.Add(Reading("b", 1, Late.AddHours(-1).AddSeconds(22), 50, 36));
        ledger.Add(Reading("other", 1, Late.AddHours(-1).AddSeconds(4), 50, 36));

        var pending = ledger.TakePending();
        pending.Where(p => p.Key.BankId == "b").Sum(p => p.Value.ChargedWh).Should().BeApproximately(1, 1e-9,
            "the 2 s before it left, not the 20 s the other node counted");
        pending.Where(p => p.Key.BankId == "other").Sum(p => p.Value.ChargedWh).Should().BeApproximately(1, 1e-9, "other banks go on");
    }

    [Fact]
    public void A_stale_reading_ends_the_interval()
    {
        var ledger = new EnergyLedger(TimeSpan.FromSeconds(30));
        ledger.Add(Reading("b", 1, Late.AddHours(-1), 50, 36));
        ledger.Add(Reading("b", 1, Late.AddHours(-1).AddSeconds(10), 50, 36, stale: true));
        ledger.Add(Reading("b", 1, Late.AddHours(-1).AddSeconds(12), 50, 36));

        ledger.TakePending().Values.Sum(d => d.ChargedWh).Should().Be(0);
    }
}
