using SolarHub.Protocol.Jk;

namespace SolarHub.Simulator.Tests;

public class PackModelTests
{
    private static string Fingerprint(PackState s) =>
        $"{string.Join(",", s.CellVoltagesMv.Take(s.CellCount))}|{s.CurrentMa}|{s.Soc}|{s.RemainingCapacityMah}|{string.Join(",", s.TemperaturesDeci)}|{s.RuntimeSeconds}|{s.SerialNumber}";

    [Fact]
    public void Same_seed_same_values_other_seed_other_values()
    {
        var a = new PackModel(1, seed: 5);
        var b = new PackModel(1, seed: 5);
        var c = new PackModel(1, seed: 6);
        for (int i = 0; i < 200; i++)
        {
            a.Advance(TimeSpan.FromMilliseconds(390));
            b.Advance(TimeSpan.FromMilliseconds(390));
            c.Advance(TimeSpan.FromMilliseconds(390));
            Fingerprint(a.State).Should().Be(Fingerprint(b.State));
        }
        Fingerprint(a.State).Should().NotBe(Fingerprint(c.State));
        Fingerprint(new PackModel(2, seed: 5).State).Should().NotBe(Fingerprint(new PackModel(1, seed: 5).State), "each address has its own stream");
    }

    [Fact]
    public void Drifts_realistically_over_a_simulated_day()
    {
        var model = new PackModel(1, seed: 11);
        var s = model.State;
        int samples = 0, inBand = 0;
        bool sawCharge = false, sawDischarge = false;
        for (int minute = 0; minute < 24 * 60; minute++)
        {
            model.Advance(TimeSpan.FromSeconds(59));
            int remainingBefore = s.RemainingCapacityMah;
            model.Advance(TimeSpan.FromSeconds(1));
            samples++;
            for (int i = 0; i < s.CellCount; i++) s.CellVoltagesMv[i].Should().BeInRange((short)2900, (short)3650);
            if (s.CellVoltagesMv.Take(16).All(v => v is >= 3150 and <= 3450)) inBand++;
            s.DeltaCellMv.Should().BeLessThan(60);
            s.TemperaturesDeci.Should().OnlyContain(t => t >= 200 && t <= 350);
            s.Soc.Should().BeInRange((byte)0, (byte)100);
            ((double)s.Soc).Should().BeApproximately(s.RemainingCapacityMah / 2800.0, 0.51);
            s.PackVoltageMv.Should().Be((uint)s.CellVoltagesMv.Take(16).Sum(v => v));
            s.PowerMw.Should().Be((uint)(Math.Abs((long)s.PackVoltageMv * s.CurrentMa) / 1000));
            s.CurrentMa.Should().BeInRange(-100_000, 100_000);
            if (s.CurrentMa > 2000) sawCharge = true;
            if (s.CurrentMa < -2000) sawDischarge = true;
            // SOC follows the current: a second of clear charge never lowers the remaining capacity, nor discharge raises it.
            if (s.CurrentMa > 5000 && s.RemainingCapacityMah < 279_000) s.RemainingCapacityMah.Should().BeGreaterThanOrEqualTo(remainingBefore);
            if (s.CurrentMa < -5000 && s.RemainingCapacityMah > 1000) s.RemainingCapacityMah.Should().BeLessThanOrEqualTo(remainingBefore);
        }
        sawCharge.Should().BeTrue();
        sawDischarge.Should().BeTrue();
        ((double)inBand / samples).Should().BeGreaterThan(0.8, "LFP cells sit at 3.2–3.4 V most of the time");
        s.RuntimeSeconds.Should().BeGreaterThan(24 * 3600);
    }

    [Fact]
    public void Pinned_values_win_and_drift_resumes_from_them()
    {
        var model = new PackModel(1, seed: 3);
        model.Overrides = new PackOverrides { Soc = 17, CurrentMa = -42_000, TemperatureDeci = 455 };
        for (int i = 0; i < 20; i++) model.Advance(TimeSpan.FromSeconds(30));

        var s = model.State;
        s.Soc.Should().Be(17);
        s.RemainingCapacityMah.Should().Be(47_600);
        s.CurrentMa.Should().Be(-42_000);
        s.TemperaturesDeci.Should().OnlyContain(t => t == 455);
        s.MosTemperatureDeci.Should().Be(455);
        s.PowerMw.Should().Be((uint)((long)s.PackVoltageMv * 42_000 / 1000));

        model.Overrides = null;
        model.Advance(TimeSpan.FromSeconds(1));
        s.Soc.Should().BeInRange((byte)16, (byte)18);
        s.CurrentMa.Should().BeInRange(-45_000, -39_000);
    }

    [Fact]
    public void Layout_decides_the_identity()
    {
        new PackModel(1, 1, JkLayout.JK02_24S).State.HardwareVersion.Should().Be("10.XW");
        new PackModel(1, 1, JkLayout.JK02_32S).State.Model.Should().Be("JK_PB2A16S20P");
    }
}
