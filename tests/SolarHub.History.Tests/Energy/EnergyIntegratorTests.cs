using SolarHub.History.Energy;

namespace SolarHub.History.Tests.Energy;

/// <summary>The integration rule of docs/history.md#energy, by hand: trapezoids, a split at zero, gaps not bridged.</summary>
public sealed class EnergyIntegratorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_steady_charge_adds_power_times_time()
    {
        var integrator = new EnergyIntegrator(MaxGap);
        var total = EnergyDelta.Zero;

        // 50 V x 20 A = 1000 W for 36 readings a second apart (35 s): 1000 W x 35 s = 9.7222 Wh.
        for (int i = 0; i < 36; i++) total += integrator.Add(T0.AddSeconds(i), 50, 20);

        total.ChargedWh.Should().BeApproximately(1000 * 35 / 3600.0, 1e-9);
        total.DischargedWh.Should().Be(0);
    }

    [Fact]
    public void A_ramp_is_a_trapezoid_and_a_sign_change_is_split_at_zero()
    {
        var integrator = new EnergyIntegrator(MaxGap);
        integrator.Add(T0, 50, 10).Should().Be(EnergyDelta.Zero, "one reading alone has no interval");

        // 500 W to 1500 W over 3.6 s: the average, 1000 W, for 1 mh = 1 Wh.
        integrator.Add(T0.AddSeconds(3.6), 50, 30).ChargedWh.Should().BeApproximately(1, 1e-9);

        // 1500 W to -500 W over 3.6 s: zero at three quarters; 1500 x 0.75 / 2 = 562.5 W for 1 mh charged, 500 x 0.25 / 2 = 62.5 discharged.
        var crossing = integrator.Add(T0.AddSeconds(7.2), 50, -10);
        crossing.ChargedWh.Should().BeApproximately(0.5625, 1e-9);
        crossing.DischargedWh.Should().BeApproximately(0.0625, 1e-9);

        // And back up through zero: -500 W to 1500 W, the mirror image.
        var back = integrator.Add(T0.AddSeconds(10.8), 50, 30);
        back.ChargedWh.Should().BeApproximately(0.5625, 1e-9);
        back.DischargedWh.Should().BeApproximately(0.0625, 1e-9);
    }

    [Fact]
    public void A_gap_longer_than_the_limit_is_not_bridged_and_counting_goes_on_after_it()
    {
        var integrator = new EnergyIntegrator(MaxGap);
        integrator.Add(T0, 50, 20);

        integrator.Add(T0.AddSeconds(31), 50, 20).Should().Be(EnergyDelta.Zero, "31 s without a reading: nothing is invented for it");
        integrator.Add(T0.AddSeconds(31 + 30), 50, 20).ChargedWh.Should().BeApproximately(1000 * 30 / 3600.0, 1e-9, "30 s or less is bridged");
    }

    [Fact]
    public void A_stale_pack_breaks_the_interval()
    {
        var integrator = new EnergyIntegrator(MaxGap);
        integrator.Add(T0, 50, 20);

        integrator.Break();

        integrator.Add(T0.AddSeconds(5), 50, 20).Should().Be(EnergyDelta.Zero);
        integrator.Add(T0.AddSeconds(6), 50, 20).ChargedWh.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_reading_not_newer_than_the_last_or_not_a_number_adds_nothing()
    {
        var integrator = new EnergyIntegrator(MaxGap);
        integrator.Add(T0, 50, 20);

        integrator.Add(T0, 50, 20).Should().Be(EnergyDelta.Zero);
        integrator.Add(T0.AddSeconds(-1), 50, 20).Should().Be(EnergyDelta.Zero);
        integrator.Add(T0.AddSeconds(1), double.NaN, 20).Should().Be(EnergyDelta.Zero);
        integrator.Add(T0.AddSeconds(2), 50, 20).ChargedWh.Should().BeApproximately(1000 * 2 / 3600.0, 1e-9, "the bad reading was skipped, not taken as an anchor");
    }
}
