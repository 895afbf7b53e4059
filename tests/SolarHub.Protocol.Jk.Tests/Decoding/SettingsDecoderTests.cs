using SolarHub.Protocol.Jk.Decoding;
using SolarHub.Protocol.Jk.Tests.Support;

namespace SolarHub.Protocol.Jk.Tests.Decoding;

public class SettingsDecoderTests
{
    public static TheoryData<RealFrame> Jk02SettingsFrames =>
        RealFrames.Where(f => f.Type == JkFrameType.Settings && f.Layout != JkLayout.JK04);

    [Fact]
    public void The_v19_settings_frame_decodes_to_the_values_its_source_states()
    {
        // "16 cells capacity: 314Ah max_charge: 80A max_discharge: 100A | cell_uvp: 2.600V cell_ovp: 3.650V
        //  balance_trigger: 3.003V balance_start: 3.450V | charge_utp: 2.0°C ... charging/discharging/balancer: ON"
        var frame = RealFrames.Single("esp32-ble-v19-example-faker.yaml", "settings_frame");
        frame.StatedValues.Should().Contain("314Ah");

        SettingsDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out var s).Should().Be(DecodeStatus.Ok);

        s.CellCount.Should().Be(16);
        s.NominalCapacityMah.Should().Be(314_000);
        s.MaxChargeCurrentMa.Should().Be(80_000);
        s.MaxDischargeCurrentMa.Should().Be(100_000);
        s.CellUndervoltageProtectionMv.Should().Be(2_600);
        s.CellOvervoltageProtectionMv.Should().Be(3_650);
        s.BalanceStartVoltageMv.Should().Be(3_450);
        s.ChargeUndertemperatureDeci.Should().Be(20);
        s.ChargeEnabled.Should().BeTrue();
        s.DischargeEnabled.Should().BeTrue();
        s.BalancerEnabled.Should().BeTrue();
        // The source says "balance_trigger: 3.003V", but offset 26 holds 03 00 00 00 = 3 mV and no 3003 (BB 0B)
        // occurs anywhere in the frame: a trigger delta of 3 mV is what the bytes say (the statement is a typo).
        s.BalanceTriggerDeltaMv.Should().Be(3);
    }

    [Fact]
    public void The_v19_heating_thresholds_are_in_the_undocumented_bytes_after_the_flags()
    {
        // "heating_start: 10°C heating_stop: 12°C" match bytes 284 and 285 (whole °C); the decoder does not read them yet.
        var frame = RealFrames.Single("esp32-ble-v19-example-faker.yaml", "settings_frame");
        frame.Bytes[284].Should().Be(10);
        frame.Bytes[285].Should().Be(12);
    }

    [Theory]
    [MemberData(nameof(Jk02SettingsFrames))]
    public void Every_JK02_settings_frame_decodes_to_consistent_protection_limits(RealFrame frame)
    {
        SettingsDecoder.TryDecode(frame.Bytes, frame.Layout, out var s).Should().Be(DecodeStatus.Ok);

        s.Layout.Should().Be(frame.Layout);
        s.CellCount.Should().BeInRange(1, frame.Layout == JkLayout.JK02_24S ? 24 : 32);
        s.CellUndervoltageProtectionMv.Should().BeInRange(1_000, 4_500);
        s.PowerOffVoltageMv.Should().BeLessThan(s.CellUndervoltageProtectionMv);
        s.CellUndervoltageProtectionMv.Should().BeLessThan(s.CellUndervoltageRecoveryMv);
        s.CellUndervoltageRecoveryMv.Should().BeLessThan(s.CellOvervoltageRecoveryMv);
        s.CellOvervoltageRecoveryMv.Should().BeLessThan(s.CellOvervoltageProtectionMv);
        s.CellOvervoltageProtectionMv.Should().BeInRange(3_000, 4_500);
        s.BalanceStartVoltageMv.Should().BeInRange(s.CellUndervoltageProtectionMv, s.CellOvervoltageProtectionMv);
        s.BalanceTriggerDeltaMv.Should().BeInRange(1, 100);
        s.MaxChargeCurrentMa.Should().BePositive();
        s.MaxDischargeCurrentMa.Should().BePositive();
        s.NominalCapacityMah.Should().BePositive();
        s.ChargeOvertemperatureRecoveryDeci.Should().BeLessThan(s.ChargeOvertemperatureDeci);
        s.DischargeOvertemperatureRecoveryDeci.Should().BeLessThan(s.DischargeOvertemperatureDeci);
        s.ChargeUndertemperatureDeci.Should().BeLessThan(s.ChargeUndertemperatureRecoveryDeci);
        s.MosfetOvertemperatureRecoveryDeci.Should().BeLessThan(s.MosfetOvertemperatureDeci);
        s.DeviceAddress.Should().BeInRange(0, 15);
    }

    [Fact]
    public void The_JK02_24S_settings_frame_has_only_charging_switched_on()
    {
        var frame = RealFrames.Single("esp32-ble-example-faker.yaml", "settings_frame");
        SettingsDecoder.TryDecode(frame.Bytes, JkLayout.JK02_24S, out var s).Should().Be(DecodeStatus.Ok);

        s.CellCount.Should().Be(24);
        s.ChargeEnabled.Should().BeTrue();
        s.DischargeEnabled.Should().BeFalse();
        s.BalancerEnabled.Should().BeFalse();
        s.NominalCapacity.Should().Be(50.0);
    }

    [Fact]
    public void A_JK04_settings_frame_is_recognised_and_not_decoded()
    {
        var frame = RealFrames.Single("esp32-ble-jk04-example-faker.yaml", "settings_frame");

        SettingsDecoder.TryDecode(frame.Bytes, JkLayout.JK04, out var s).Should().Be(DecodeStatus.Unsupported);
        s.Should().Be(default(Settings));
    }

    [Fact]
    public void Other_frame_types_are_refused()
    {
        SettingsDecoder.TryDecode(RealFrames.Single("esp32-ble-v19-example-faker.yaml", "logbook_frame").Bytes, JkLayout.JK02_32S, out _)
            .Should().Be(DecodeStatus.WrongType);
        SettingsDecoder.TryDecode(RealFrames.Single("esp32-ble-v19-example-faker2.yaml", "device_info_frame_a").Bytes, JkLayout.JK02_32S, out _)
            .Should().Be(DecodeStatus.WrongType);
    }

    [Fact]
    public void A_capture_with_the_next_frame_glued_on_decodes_from_its_first_300_bytes()
    {
        // This 384-byte capture is a settings frame followed by the first 84 bytes of a device-info frame.
        var frame = RealFrames.All.Single(f => f.Length == 384);
        JkFrame.StartsWithHeader(frame.Bytes.AsSpan(300)).Should().BeTrue();

        SettingsDecoder.TryDecode(frame.Bytes, JkLayout.JK02_32S, out var whole).Should().Be(DecodeStatus.Ok);
        SettingsDecoder.TryDecode(frame.Frame, JkLayout.JK02_32S, out var first300).Should().Be(DecodeStatus.Ok);
        whole.Should().Be(first300);
        whole.CellCount.Should().Be(16);
    }
}
