using System.Buffers;
using System.Text.Json;
using SolarHub.Core.Telemetry;

namespace SolarHub.Mqtt.Bridge;

/// <summary>
/// The JSON published on the state topics (snake_case keys, SI units: V, A, W, Ah, °C, %). Values are rounded to
/// what the BMS measures, so payloads stay short and Home Assistant shows no float noise.
/// </summary>
public static class StatePayloads
{
    public static byte[] Bank(BankTelemetry bank) => Write(w =>
    {
        w.WriteString("state", bank.State.ToString());
        if (bank.ActiveAdapter is { } active) w.WriteString("active_adapter", active);
        else w.WriteNull("active_adapter");
        w.WriteNumber("packs_fresh", bank.PacksFresh);
        w.WriteNumber("packs_total", bank.PacksTotal);
        w.WriteBoolean("stale", bank.Stale);
        w.WriteNumber("voltage", Math.Round(bank.Voltage, 3));
        w.WriteNumber("current", Math.Round(bank.Current, 2));
        w.WriteNumber("power", Math.Round(bank.Power, 1));
        w.WriteNumber("soc", Math.Round(bank.Soc, 1));
        w.WriteNumber("remaining_capacity", Math.Round(bank.RemainingCapacity, 2));
        w.WriteNumber("full_capacity", Math.Round(bank.FullCapacity, 2));
        w.WriteNumber("cell_min", Math.Round(bank.CellMin, 3));
        w.WriteNumber("cell_max", Math.Round(bank.CellMax, 3));
        w.WriteNumber("cell_delta", Math.Round(bank.CellMax - bank.CellMin, 3));
        w.WriteNumber("temperature_min", Math.Round(bank.TemperatureMin, 1));
        w.WriteNumber("temperature_max", Math.Round(bank.TemperatureMax, 1));
        Strings(w, "alarms", bank.Alarms);
        w.WriteString("at", bank.At);
    });

    public static byte[] Pack(PackTelemetry pack) => Write(w =>
    {
        w.WriteNumber("address", pack.Address);
        if (pack.AdapterId is { } adapter) w.WriteString("adapter", adapter);
        w.WriteBoolean("stale", pack.Stale);
        w.WriteNumber("voltage", Math.Round(pack.PackVoltage, 3));
        w.WriteNumber("current", Math.Round(pack.Current, 3));
        w.WriteNumber("power", Math.Round(pack.Power, 1));
        w.WriteNumber("soc", pack.Soc);
        w.WriteNumber("soh", pack.Soh);
        w.WriteNumber("remaining_capacity", Math.Round(pack.RemainingCapacity, 3));
        w.WriteNumber("full_capacity", Math.Round(pack.FullCapacity, 3));
        w.WriteNumber("cycles", pack.Cycles);
        w.WriteNumber("cycled_capacity", Math.Round(pack.CycledCapacity, 3));
        w.WriteNumber("cell_min", Math.Round(pack.CellMin, 3));
        w.WriteNumber("cell_max", Math.Round(pack.CellMax, 3));
        w.WriteNumber("cell_delta", Math.Round(pack.CellDelta, 3));
        if (pack.MosTemperature is { } mos) w.WriteNumber("mos_temperature", Math.Round(mos, 1));
        w.WriteStartArray("temperatures");
        foreach (var t in pack.Temperatures) w.WriteNumberValue(Math.Round(t, 1));
        w.WriteEndArray();
        w.WriteStartArray("cells");
        foreach (var c in pack.Cells) w.WriteNumberValue(Math.Round(c, 3));
        w.WriteEndArray();
        w.WriteBoolean("charging", pack.Charging);
        w.WriteBoolean("discharging", pack.Discharging);
        w.WriteBoolean("balancing", pack.Balancing);
        Strings(w, "alarms", pack.Alarms);
        w.WriteString("updated_at", pack.UpdatedAt);
    });

    /// <summary>Energy counters in kWh to the watt-hour, on the energy topics (retained: a counter is true until the next one).</summary>
    public static byte[] Energy(double chargedKwh, double dischargedKwh, DateTimeOffset at) => Write(w =>
    {
        w.WriteNumber("charged", Math.Round(chargedKwh, 3));
        w.WriteNumber("discharged", Math.Round(dischargedKwh, 3));
        w.WriteString("at", at);
    });

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
