using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Telemetry;
using SolarHub.Core.Tests.Support;
using static SolarHub.Core.Tests.Banks.Trackers;

namespace SolarHub.Core.Tests.Banks;

public class PackFreshnessTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    private static PackFreshness Packs(params byte[] addresses)
    {
        var packs = new PackFreshness("bank-1");
        packs.Reconcile(addresses.Select(a => new PackConfig(a)).ToList());
        return packs;
    }

    private static JudgingWindow TickedAt(DateTimeOffset now)
    {
        var window = new JudgingWindow(TimeSpan.FromSeconds(1));
        window.Tick(now);
        return window;
    }

    private static PackUpdate? Deliver(PackFreshness packs, byte address, DateTimeOffset at) =>
        packs.Update(address, "a", at, Readings.For(address), sourceTimestamp: 42);

    [Fact]
    public void Configured_packs_are_stale_until_they_report_and_a_reading_makes_one_fresh_without_an_alarm()
    {
        var packs = Packs(1, 2);
        packs.AnyFresh.Should().BeFalse();
        packs.AllFresh.Should().BeFalse();

        var update = Deliver(packs, 1, T0);

        update.Should().NotBeNull();
        update!.Value.Alarm.Should().BeNull("a pack that never reported was never announced stale");
        update.Value.Telemetry.Should().BeEquivalentTo(new { BankId = "bank-1", Address = (byte)1, AdapterId = "a", UpdatedAt = T0, Stale = false, SourceTimestamp = 42L });
        packs.AnyFresh.Should().BeTrue();
        packs.AllFresh.Should().BeFalse();
        Deliver(packs, 2, T0);
        packs.AllFresh.Should().BeTrue();
    }

    [Fact]
    public void A_reading_for_an_address_that_is_not_a_pack_of_the_bank_is_ignored()
    {
        var packs = Packs(1);

        Deliver(packs, 7, T0).Should().BeNull();
        packs.Addresses.Should().Equal(1);
    }

    [Fact]
    public void A_bank_configured_without_packs_takes_every_address_that_answers()
    {
        var packs = Packs();
        packs.AllFresh.Should().BeFalse("a bank without packs is never all fresh");

        Deliver(packs, 7, T0).Should().NotBeNull();
        Deliver(packs, 3, T0).Should().NotBeNull();

        packs.Addresses.Should().Equal(3, 7);
    }

    [Fact]
    public void A_pack_not_heard_from_past_the_deadline_is_published_stale_once_with_an_alarm_and_its_next_reading_clears_it()
    {
        var packs = Packs(1, 2);
        Deliver(packs, 1, T0);
        Deliver(packs, 2, T0 + TimeSpan.FromSeconds(5));

        var atDeadline = T0 + StaleAfter;
        packs.MarkStale(atDeadline, TickedAt(atDeadline), StaleAfter).Should().BeEmpty("exactly at the deadline is still fresh");

        var later = atDeadline + TimeSpan.FromMilliseconds(1);
        var stale = packs.MarkStale(later, TickedAt(later), StaleAfter);
        stale.Should().ContainSingle();
        stale[0].Telemetry.Should().BeEquivalentTo(new { Address = (byte)1, Stale = true, UpdatedAt = T0 }, "the last known values stay, marked stale");
        stale[0].Alarm.Should().Be(new BankAlarm("bank-1", later, BankAlarmKind.PackStale, "pack 1: no fresh data for 10 s", Cleared: false));
        packs.AllFresh.Should().BeFalse();
        packs.AnyFresh.Should().BeTrue();

        packs.MarkStale(later + StaleAfter, TickedAt(later + StaleAfter), StaleAfter).Select(u => u.Telemetry.Address).Should().Equal([(byte)2], "pack 1 was announced already");

        var back = Deliver(packs, 1, later + StaleAfter);
        back!.Value.Alarm.Should().Be(new BankAlarm("bank-1", later + StaleAfter, BankAlarmKind.PackStale, "pack 1: fresh data again", Cleared: true));
    }

    [Fact]
    public void A_stall_of_the_bank_does_not_make_its_packs_stale()
    {
        var packs = Packs(1);
        Deliver(packs, 1, T0);
        var window = TickedAt(T0);
        var afterStall = T0 + StaleAfter * 3;
        window.Tick(afterStall);

        packs.MarkStale(afterStall, window, StaleAfter).Should().BeEmpty("silence is measured from the stall's end");
        packs.MarkStale(afterStall + StaleAfter + TimeSpan.FromTicks(1), window, StaleAfter).Should().ContainSingle();
    }

    [Fact]
    public void Reconciling_keeps_what_the_remaining_packs_know_and_drops_the_removed_ones()
    {
        var packs = Packs(1, 2);
        Deliver(packs, 1, T0);

        packs.Reconcile([new PackConfig(1), new PackConfig(3)]);

        packs.Addresses.Should().Equal(1, 3);
        packs.Records.Single(p => p.Address == 1).UpdatedAt.Should().Be(T0);
        packs.Records.Single(p => p.Address == 3).Stale.Should().BeTrue();
    }

    [Fact]
    public void Adopting_a_new_active_adapter_publishes_its_fresh_readings_at_their_own_time_and_leaves_old_ones_out()
    {
        var packs = Packs(1, 2, 3);
        var standby = In("b", 1, AdapterState.Healthy, T0);
        Read(standby, T0, 1);
        Read(standby, T0 + TimeSpan.FromSeconds(8), 2);
        Read(standby, T0 + TimeSpan.FromSeconds(9), 9); // not a pack of this bank

        var now = T0 + StaleAfter + TimeSpan.FromSeconds(1);
        var adopted = packs.Adopt(standby, now, StaleAfter);

        adopted.Select(u => (u.Telemetry.Address, u.Telemetry.AdapterId, u.Telemetry.UpdatedAt, u.Telemetry.SourceTimestamp))
            .Should().Equal([((byte)2, "b", T0 + TimeSpan.FromSeconds(8), 0L)], "pack 1's reading is older than the stale deadline");
        packs.AnyFresh.Should().BeTrue();
    }
}
