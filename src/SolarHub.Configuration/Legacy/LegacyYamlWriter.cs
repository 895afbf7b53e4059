using System.Globalization;
using System.IO.Ports;
using System.Text;
using System.Text.RegularExpressions;
using SolarHub.Configuration;
using SolarHub.Protocol.Jk;

namespace SolarHub.Configuration.Legacy;

/// <summary>
/// <c>config export</c>: writes the stored banks, battery arrays, MQTT output and alert rules in the older hub's <c>config.yaml</c> format
/// (docs/config-yaml.md), so that <c>config import</c> of the result gives the same configuration. What that format
/// cannot hold (poll gaps, a layout other than JK02_32S, packs of different cell counts in one bank) is left out,
/// with a warning naming the entity and field. Adapter ids are not part of the format: each adapter is preceded by
/// a comment with its id, and import recognises stored adapters by the gateway or device they reach.
/// </summary>
public static partial class LegacyYamlWriter
{
    public sealed record Result(string Yaml, IReadOnlyList<string> Warnings);

    public static Result Write(HubConfig config)
    {
        var yaml = new StringBuilder();
        var warnings = new List<string>();
        yaml.AppendLine("# SolarHub battery banks in the older hub's config.yaml format (solarhub config export).");
        yaml.AppendLine("# Import with: solarhub config import <this file>");

        if (config.Banks.Count == 0)
        {
            warnings.Add("no bank is stored: the file holds none (importing it would be refused)");
            yaml.AppendLine("battery_banks: []");
        }
        else yaml.AppendLine("battery_banks:");
        foreach (var bank in config.Banks) WriteBank(yaml, bank, warnings);

        if (config.BatteryArrays.Count > 0)
        {
            yaml.AppendLine("battery_bank_arrays:");
            foreach (var array in config.BatteryArrays)
            {
                yaml.AppendLine($"  - id: {Scalar(array.Id)}");
                yaml.AppendLine($"    name: {Scalar(array.Name)}");
                yaml.AppendLine($"    battery_bank_ids: [{string.Join(", ", array.BankIds.Select(Scalar))}]");
            }
        }
        if (config.Mqtt is { } mqtt) WriteMqtt(yaml, mqtt);
        if (config.Alerts is { } alerts) LegacyAlertsWriter.Write(yaml, alerts);
        return new Result(yaml.ToString(), warnings);
    }

    private static void WriteBank(StringBuilder yaml, BankConfig bank, List<string> warnings)
    {
        var path = $"banks[{bank.Id}]";
        yaml.AppendLine($"  - id: {Scalar(bank.Id)}");
        yaml.AppendLine($"    name: {Scalar(bank.Name)}");
        if (bank.Adapters.Count == 0)
        {
            warnings.Add($"{path}.adapters: the bank has no adapter, which the format cannot hold (importing the file would be refused)");
            yaml.AppendLine("    adapters: []");
            return;
        }
        if (bank.Packs.Count == 0)
            warnings.Add($"{path}.packs: the bank has no pack, which the format cannot hold (importing the file would be refused)");
        int cells = bank.Packs.Count > 0 ? bank.Packs[0].Cells : 16;
        if (bank.Packs.Any(p => p.Cells != cells))
            warnings.Add($"{path}.packs: packs of different cell counts ({string.Join(", ", bank.Packs.Select(p => $"{p.Address} ({p.Cells} cells)"))}) cannot be written: cells_per_battery is {cells} for all");

        yaml.AppendLine("    adapters:");
        foreach (var adapter in bank.Adapters)
        {
            var adapterPath = $"{path}.adapters[{adapter.Id}]";
            yaml.AppendLine($"      # adapter {adapter.Id}");
            yaml.AppendLine("      - adapter:");
            const string a = "          ";
            yaml.AppendLine($"{a}type: jkbms_tcpip");
            switch (adapter.Transport)
            {
                case TcpTransport tcp:
                    yaml.AppendLine($"{a}connection_type: tcpip");
                    yaml.AppendLine($"{a}host: {Scalar(tcp.Host)}");
                    yaml.AppendLine($"{a}port: {tcp.Port.ToString(CultureInfo.InvariantCulture)}");
                    break;
                case ModbusTcpTransport modbus:
                    yaml.AppendLine($"{a}connection_type: {LegacyKeys.ModbusTcp}");
                    yaml.AppendLine($"{a}host: {Scalar(modbus.Host)}");
                    yaml.AppendLine($"{a}port: {modbus.Port.ToString(CultureInfo.InvariantCulture)}");
                    break;
                case SerialTransport serial:
                    yaml.AppendLine($"{a}connection_type: rtu");
                    yaml.AppendLine($"{a}serial_port: {Scalar(serial.Path)}");
                    yaml.AppendLine($"{a}baudrate: {serial.BaudRate.ToString(CultureInfo.InvariantCulture)}");
                    if (serial.Parity != Parity.None) yaml.AppendLine($"{a}parity: {ParityLetter(serial.Parity)}");
                    if (serial.DataBits != 8) yaml.AppendLine($"{a}bytesize: {serial.DataBits.ToString(CultureInfo.InvariantCulture)}");
                    if (serial.StopBits != StopBits.One) yaml.AppendLine($"{a}stopbits: {StopBitsNumber(serial.StopBits)}");
                    break;
            }
            if (adapter.Node is { } node) yaml.AppendLine($"{a}node: {Scalar(node)}");
            yaml.AppendLine($"{a}battery_addresses: [{string.Join(", ", bank.Packs.Select(p => p.Address.ToString(CultureInfo.InvariantCulture)))}]");
            yaml.AppendLine($"{a}cells_per_battery: {cells.ToString(CultureInfo.InvariantCulture)}");
            yaml.AppendLine($"{a}bms_broadcasting: {(adapter.Protocol == AdapterProtocol.JkPassive ? "true" : "false")}");
            if (adapter.PollTimeout is { } timeout)
                yaml.AppendLine($"{a}poll_timeout: {timeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)}");
            if (adapter.PollGap is { } gap)
                warnings.Add($"{adapterPath}.pollGap: {gap.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s cannot be written in this format and is left out");
            if (adapter.Layout != JkLayout.JK02_32S)
                warnings.Add($"{adapterPath}.layout: {adapter.Layout} cannot be written in this format and is left out (import reads JK02_32S)");
            yaml.AppendLine($"        priority: {adapter.Priority.ToString(CultureInfo.InvariantCulture)}");
            yaml.AppendLine($"        enabled: {(adapter.Enabled ? "true" : "false")}");
        }
    }

    // Defaults are left out, so the file stays as short as one written by hand; the password is written (the file is
    // the configuration), which is why export's output deserves the care config.yaml always needed.
    private static void WriteMqtt(StringBuilder yaml, MqttConfig mqtt)
    {
        yaml.AppendLine("mqtt:");
        yaml.AppendLine($"  host: {Scalar(mqtt.Host)}");
        yaml.AppendLine($"  port: {mqtt.Port.ToString(CultureInfo.InvariantCulture)}");
        if (mqtt.Username is { } user) yaml.AppendLine($"  username: {Scalar(user)}");
        if (mqtt.Password is { } password) yaml.AppendLine($"  password: {Scalar(password)}");
        yaml.AppendLine($"  base_topic: {Scalar(mqtt.BaseTopic)}");
        if (mqtt.ClientId is { } clientId) yaml.AppendLine($"  client_id: {Scalar(clientId)}");
        yaml.AppendLine($"  ha_discovery: {(mqtt.HaDiscovery ? "true" : "false")}");
        if (mqtt.DiscoveryPrefix != MqttConfig.DefaultDiscoveryPrefix) yaml.AppendLine($"  discovery_prefix: {Scalar(mqtt.DiscoveryPrefix)}");
    }

    private static string ParityLetter(Parity parity) => parity switch
    {
        Parity.Even => "E",
        Parity.Odd => "O",
        Parity.Mark => "M",
        Parity.Space => "S",
        _ => "N",
    };

    private static string StopBitsNumber(StopBits stopBits) => stopBits switch
    {
        StopBits.OnePointFive => "1.5",
        StopBits.Two => "2",
        _ => "1",
    };

    // YAML 1.1 words the older hub (PyYAML) read as booleans or null, so a name spelt like one is quoted.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    /// <summary>A string as a YAML scalar: plain when that reads back as the same text, else double-quoted.</summary>
    public static string Scalar(string value)
    {
        if (PlainSafe().IsMatch(value) && !Reserved.Contains(value) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return value;
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\r': quoted.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) quoted.Append($"\\u{(int)c:X4}");
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./][A-Za-z0-9_./ ()-]*(?<! )$")]
    private static partial Regex PlainSafe();
}
