using static SolarHub.Protocol.Jk.JkFrame;

namespace SolarHub.Protocol.Jk.Decoding;

public static class SettingsDecoder
{
    /// <summary>Decodes a type 01 frame (same offsets in both JK02 layouts). Never throws.</summary>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> frame, JkLayout layout, out Settings settings)
    {
        settings = default;
        var status = FrameCheck.Verify(frame, JkFrameType.Settings);
        if (status != DecodeStatus.Ok) return status;
        if (layout is not (JkLayout.JK02_32S or JkLayout.JK02_24S)) return DecodeStatus.Unsupported;

        settings = new Settings
        {
            Layout = layout,
            Counter = frame[CounterOffset],
            SmartSleepVoltageMv = I32(frame, 6),
            CellUndervoltageProtectionMv = I32(frame, 10),
            CellUndervoltageRecoveryMv = I32(frame, 14),
            CellOvervoltageProtectionMv = I32(frame, 18),
            CellOvervoltageRecoveryMv = I32(frame, 22),
            BalanceTriggerDeltaMv = I32(frame, 26),
            Soc100VoltageMv = I32(frame, 30),
            Soc0VoltageMv = I32(frame, 34),
            RequestChargeVoltageMv = I32(frame, 38),
            RequestFloatVoltageMv = I32(frame, 42),
            PowerOffVoltageMv = I32(frame, 46),
            MaxChargeCurrentMa = I32(frame, 50),
            ChargeOvercurrentDelaySeconds = I32(frame, 54),
            ChargeOvercurrentRecoverySeconds = I32(frame, 58),
            MaxDischargeCurrentMa = I32(frame, 62),
            DischargeOvercurrentDelaySeconds = I32(frame, 66),
            DischargeOvercurrentRecoverySeconds = I32(frame, 70),
            ShortCircuitRecoverySeconds = I32(frame, 74),
            MaxBalanceCurrentMa = I32(frame, 78),
            ChargeOvertemperatureDeci = I32(frame, 82),
            ChargeOvertemperatureRecoveryDeci = I32(frame, 86),
            DischargeOvertemperatureDeci = I32(frame, 90),
            DischargeOvertemperatureRecoveryDeci = I32(frame, 94),
            ChargeUndertemperatureDeci = I32(frame, 98),
            ChargeUndertemperatureRecoveryDeci = I32(frame, 102),
            MosfetOvertemperatureDeci = I32(frame, 106),
            MosfetOvertemperatureRecoveryDeci = I32(frame, 110),
            CellCount = I32(frame, 114),
            ChargeEnabled = frame[118] != 0,
            DischargeEnabled = frame[122] != 0,
            BalancerEnabled = frame[126] != 0,
            NominalCapacityMah = I32(frame, 130),
            ShortCircuitDelayMicroseconds = I32(frame, 134),
            BalanceStartVoltageMv = I32(frame, 138),
            DeviceAddress = I32(frame, 270),
            Flags = U16(frame, 282),
        };
        return DecodeStatus.Ok;
    }
}
