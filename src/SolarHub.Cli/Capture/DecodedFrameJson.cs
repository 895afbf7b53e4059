using System.Text.Json.Nodes;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Cli.Capture;

/// <summary>The JSON shape of a decoded frame. Units: V, A, W, Ah, °C, seconds.</summary>
public static class DecodedFrameJson
{
    public static JsonObject ToJson(DecodedFrame f)
    {
        var json = new JsonObject
        {
            ["index"] = f.Index,
            ["offset"] = f.Offset,
            ["address"] = f.Address is { } a ? JsonValue.Create((int)a) : null,
            ["type"] = TypeName(f.Type),
            ["typeCode"] = (int)f.Type,
            ["counter"] = (int)f.Counter,
            ["layout"] = f.Layout.ToString(),
            ["layoutDetected"] = f.LayoutDetected,
            ["checksumValid"] = f.ChecksumValid,
            ["status"] = StatusName(f.Status),
        };
        if (f.CellInfo is { } c) AddCellInfo(json, c);
        if (f.Settings is { } s) AddSettings(json, s);
        if (f.DeviceInfo is { } d) AddDeviceInfo(json, d);
        return json;
    }

    public static string TypeName(JkFrameType type) => type switch
    {
        JkFrameType.CellInfo => "cellInfo",
        JkFrameType.Settings => "settings",
        JkFrameType.DeviceInfo => "deviceInfo",
        JkFrameType.Logbook => "logbook",
        _ => $"unknown(0x{(byte)type:X2})",
    };

    public static string StatusName(DecodeStatus status) => status switch
    {
        DecodeStatus.Ok => "decoded",
        DecodeStatus.ChecksumMismatch => "checksum mismatch",
        DecodeStatus.Unsupported => "unsupported",
        DecodeStatus.WrongType => "wrong type",
        _ => "not a frame",
    };

    private static void AddCellInfo(JsonObject json, CellInfo c)
    {
        var cells = new JsonArray();
        var resistances = new JsonArray();
        for (int i = 0; i < c.CellCount; i++)
        {
            cells.Add(c.CellVoltage(i));
            resistances.Add(c.CellResistance(i));
        }
        var temperatures = new JsonArray();
        for (int i = 0; i < c.TemperatureCount; i++) temperatures.Add(c.TemperaturePresent(i) ? c.Temperature(i) : null);
        var alarms = new JsonArray();
        foreach (var name in JkAlarmNames.Names(c.Alarms)) alarms.Add(name);

        json["cellCount"] = c.CellCount;
        json["cells"] = cells;
        json["cellResistances"] = resistances;
        json["cellMin"] = c.MinCellVoltage;
        json["cellMax"] = c.MaxCellVoltage;
        json["cellDelta"] = c.DeltaCellVoltage;
        json["cellAverage"] = c.AverageCellVoltage;
        json["packVoltage"] = c.PackVoltage;
        json["current"] = c.Current;
        json["power"] = c.Power;
        json["soc"] = (int)c.Soc;
        json["soh"] = (int)c.Soh;
        json["remainingCapacity"] = c.RemainingCapacity;
        json["fullCapacity"] = c.FullCapacity;
        json["cycles"] = c.Cycles;
        json["totalCycledCapacity"] = c.TotalCycledCapacity;
        json["runtime"] = c.RuntimeSeconds;
        json["mosTemperature"] = c.MosTemperatureDeci > CellInfo.AbsentSensorDeci ? c.MosTemperature : null;
        json["temperatures"] = temperatures;
        json["alarms"] = alarms;
        json["charging"] = c.ChargeMosfet;
        json["discharging"] = c.DischargeMosfet;
        json["precharging"] = c.PrechargeMosfet;
        json["balancing"] = c.Balancing;
        json["balanceCurrent"] = c.BalanceCurrent;
        json["heating"] = c.Heating;
    }

    private static void AddSettings(JsonObject json, Settings s)
    {
        json["cellCount"] = s.CellCount;
        json["nominalCapacity"] = s.NominalCapacity;
        json["cellUndervoltageProtection"] = s.CellUndervoltageProtection;
        json["cellUndervoltageRecovery"] = s.CellUndervoltageRecoveryMv / 1000.0;
        json["cellOvervoltageProtection"] = s.CellOvervoltageProtection;
        json["cellOvervoltageRecovery"] = s.CellOvervoltageRecoveryMv / 1000.0;
        json["balanceTriggerDelta"] = s.BalanceTriggerDelta;
        json["balanceStartVoltage"] = s.BalanceStartVoltage;
        json["maxChargeCurrent"] = s.MaxChargeCurrent;
        json["maxDischargeCurrent"] = s.MaxDischargeCurrent;
        json["maxBalanceCurrent"] = s.MaxBalanceCurrentMa / 1000.0;
        json["chargeOvertemperature"] = s.ChargeOvertemperatureDeci / 10.0;
        json["dischargeOvertemperature"] = s.DischargeOvertemperatureDeci / 10.0;
        json["chargeUndertemperature"] = s.ChargeUndertemperatureDeci / 10.0;
        json["mosfetOvertemperature"] = s.MosfetOvertemperatureDeci / 10.0;
        json["chargeEnabled"] = s.ChargeEnabled;
        json["dischargeEnabled"] = s.DischargeEnabled;
        json["balancerEnabled"] = s.BalancerEnabled;
        json["deviceAddress"] = s.DeviceAddress;
    }

    private static void AddDeviceInfo(JsonObject json, DeviceInfo d)
    {
        json["model"] = d.Model;
        json["hardwareVersion"] = d.HardwareVersion;
        json["softwareVersion"] = d.SoftwareVersion;
        json["serialNumber"] = d.SerialNumber;
        json["manufacturingDate"] = d.ManufacturingDate;
        json["deviceName"] = d.DeviceName;
        json["uptime"] = d.UptimeSeconds;
        json["powerOnCount"] = d.PowerOnCount;
        json["detectedLayout"] = LayoutDetector.FromDeviceInfo(d)?.ToString();
    }
}
