using System.IO.Ports;
using SolarHub.Configuration.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SolarHub.Configuration.Legacy;

/// <summary>Reads one legacy <c>adapter:</c> mapping (type <c>jkbms_tcpip</c>) into an <see cref="AdapterConfig"/> and the packs it expects.</summary>
internal static class LegacyAdapterReader
{
    public const int DefaultBaudRate = 115200;
    public const int DefaultCells = 16;

    // Far beyond any sane poll timeout; above it TimeSpan arithmetic would be the next problem.
    private const double MaxPollTimeoutSeconds = 86400;

    private enum Connection { Tcpip, Rtu, ModbusTcp }

    /// <summary>The adapter, or null when it cannot be one (not a mapping, another type, no usable connection); the reasons are reported.</summary>
    public static LegacyAdapter? Read(YamlNode node, string path, string id, int priority, bool enabled, Mark priorityMark, LegacyDiagnostics diagnostics)
    {
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(node.Start, path, $"{YamlScalars.Show(node)} is not an adapter mapping (type, host and port or serial_port, batteries…)");
            return null;
        }

        var fields = new YamlFields(mapping, path, diagnostics);
        if (!IsSupportedType(fields))
            return null;
        fields.RejectUnknownKeys(LegacyKeys.AdapterKeys, $"a {LegacyKeys.JkbmsTcpip} adapter", EntryKeyHint);

        var transport = ReadTransport(fields, diagnostics);
        var packs = ReadPacks(fields);
        // The older hub forced broadcasting (listen to the JK master) on jkbms_tcpip when the key was absent.
        var protocol = (fields.Bool(LegacyKeys.BmsBroadcasting) ?? true) ? AdapterProtocol.JkPassive : AdapterProtocol.JkActive;
        var pollTimeout = ReadPollTimeout(fields);
        // Its syntax is the validator's to check, so the file and the store word it alike.
        var clusterNode = fields.Text(LegacyKeys.Node);
        if (transport is null)
            return null;

        var config = new AdapterConfig(id, protocol, transport, priority, enabled, PollTimeout: pollTimeout) { Node = clusterNode };
        return new LegacyAdapter(config, path, mapping.Start, priorityMark, fields, packs);
    }

    private static bool IsSupportedType(YamlFields fields)
    {
        var type = fields.Text(LegacyKeys.Type);
        if (type is null)
        {
            if (!fields.Has(LegacyKeys.Type))
                fields.Error(LegacyKeys.Type, $"missing: SolarHub reads adapters of type {LegacyKeys.JkbmsTcpip}");
            return false;
        }
        if (type == LegacyKeys.JkbmsTcpip)
            return true;
        fields.Error(LegacyKeys.Type, $"'{type}' is not supported: SolarHub reads only {LegacyKeys.JkbmsTcpip} adapters (JK BMS on RS485, through a TCP gateway or a serial port)");
        return false;
    }

    private static string? EntryKeyHint(string key) =>
        key is LegacyKeys.Priority or LegacyKeys.Enabled ? $"; {key} goes beside adapter:, in an adapters: entry" : null;

    private static TransportSettings? ReadTransport(YamlFields fields, LegacyDiagnostics diagnostics)
    {
        var connection = ReadConnection(fields, diagnostics);
        return connection switch
        {
            Connection.Tcpip => ReadTcp(fields, "tcpip", (host, port) => new TcpTransport(host, port)),
            // SolarHub's own: the older hub had no Modbus TCP gateways.
            Connection.ModbusTcp => ReadTcp(fields, LegacyKeys.ModbusTcp, (host, port) => new ModbusTcpTransport(host, port)),
            Connection.Rtu => ReadSerial(fields),
            _ => null,
        };
    }

    private static Connection? ReadConnection(YamlFields fields, LegacyDiagnostics diagnostics)
    {
        if (fields.Text(LegacyKeys.ConnectionType) is { } declared)
        {
            switch (declared.Trim().ToLowerInvariant())
            {
                case "tcpip": return Connection.Tcpip;
                case "rtu": return Connection.Rtu;
                case LegacyKeys.ModbusTcp: return Connection.ModbusTcp;
                default:
                    fields.Error(LegacyKeys.ConnectionType, $"'{declared}' is not a connection type (tcpip, rtu or {LegacyKeys.ModbusTcp})");
                    return null;
            }
        }
        if (fields.Has(LegacyKeys.ConnectionType))
            return null;

        // As the older hub did: host/port mean a TCP gateway, serial_port a local serial adapter.
        var network = fields.Has(LegacyKeys.Host) || fields.Has(LegacyKeys.Port);
        var serial = fields.Has(LegacyKeys.SerialPort);
        if (network && serial)
        {
            fields.Error(LegacyKeys.ConnectionType, "missing while both host/port and serial_port are set: say which to use (tcpip or rtu)");
            return null;
        }
        if (!network && !serial)
        {
            diagnostics.Error(fields.Start, fields.Path, "no connection: set host and port (connection_type tcpip) or serial_port (connection_type rtu)");
            return null;
        }
        return network ? Connection.Tcpip : Connection.Rtu;
    }

    private static TransportSettings ReadTcp(YamlFields fields, string connection, Func<string, int, TransportSettings> create)
    {
        foreach (var key in LegacyKeys.SerialOnlyKeys.Where(fields.Has))
            fields.Warning(key, $"ignored: the connection is {connection} (the gateway sets its own serial line)");

        var host = fields.Text(LegacyKeys.Host);
        if (!fields.Has(LegacyKeys.Host))
            fields.Error(LegacyKeys.Host, $"missing: a {connection} connection needs the gateway's host name or IP address");
        var port = fields.Int(LegacyKeys.Port);
        if (!fields.Has(LegacyKeys.Port))
            fields.Error(LegacyKeys.Port, $"missing: a {connection} connection needs the gateway's TCP port");
        // Placeholders for values already reported; the validator's findings on them are then dropped.
        return create(host ?? "", port ?? 0);
    }

    private static SerialTransport ReadSerial(YamlFields fields)
    {
        foreach (var key in LegacyKeys.TcpOnlyKeys.Where(fields.Has))
            fields.Warning(key, "ignored: the connection is rtu (a local serial port)");

        var device = fields.Text(LegacyKeys.SerialPort);
        if (!fields.Has(LegacyKeys.SerialPort))
            fields.Error(LegacyKeys.SerialPort, "missing: an rtu connection needs the serial device, e.g. /dev/ttyUSB0");
        return new SerialTransport(
            device ?? "",
            fields.Int(LegacyKeys.BaudRate) ?? DefaultBaudRate,
            ReadParity(fields) ?? Parity.None,
            fields.Int(LegacyKeys.ByteSize) ?? 8,
            ReadStopBits(fields) ?? StopBits.One);
    }

    private static Parity? ReadParity(YamlFields fields)
    {
        var text = fields.Text(LegacyKeys.Parity);
        if (text is null)
            return null;
        switch (text.Trim().ToUpperInvariant())
        {
            case "N": return Parity.None;
            case "E": return Parity.Even;
            case "O": return Parity.Odd;
            case "M": return Parity.Mark;
            case "S": return Parity.Space;
            default:
                fields.Error(LegacyKeys.Parity, $"'{text}' is not a parity (N, E, O, M or S)");
                return null;
        }
    }

    private static StopBits? ReadStopBits(YamlFields fields)
    {
        var count = fields.Number(LegacyKeys.StopBits);
        switch (count)
        {
            case null: return null;
            case 1: return StopBits.One;
            case 1.5: return StopBits.OnePointFive;
            case 2: return StopBits.Two;
            default:
                fields.Error(LegacyKeys.StopBits, $"{count} is not a stop bit count (1, 1.5 or 2)");
                return null;
        }
    }

    private static LegacyPackPlan ReadPacks(YamlFields fields)
    {
        var clean = true;
        var cells = fields.Int(LegacyKeys.CellsPerBattery);
        clean &= cells is not null || !fields.Has(LegacyKeys.CellsPerBattery);

        var count = fields.Int(LegacyKeys.Batteries);
        clean &= count is not null || !fields.Has(LegacyKeys.Batteries);
        if (count is < 1)
        {
            fields.Error(LegacyKeys.Batteries, $"{count} is not a battery count (at least 1)");
            count = null;
            clean = false;
        }

        if (fields.List(LegacyKeys.BatteryAddresses) is { } list)
        {
            var (entries, listClean) = ReadAddressList(fields, list, count);
            return new LegacyPackPlan(entries, AddressesListed: true, cells ?? DefaultCells, clean && listClean);
        }
        if (fields.Has(LegacyKeys.BatteryAddresses))
            clean = false;

        // Without battery_addresses the older hub polled 1..batteries.
        var packs = count ?? 1;
        if (packs > HubConfigValidator.MaxPackAddress)
        {
            fields.Error(LegacyKeys.Batteries, $"{packs} batteries need battery_addresses: the default addresses 1..{packs} go past {HubConfigValidator.MaxPackAddress}");
            packs = HubConfigValidator.MaxPackAddress;
            clean = false;
        }
        var defaults = Enumerable.Range(1, packs).Select(a => new LegacyPackEntry((byte)a, -1, fields.MarkOf(LegacyKeys.Batteries))).ToList();
        return new LegacyPackPlan(defaults, AddressesListed: false, cells ?? DefaultCells, clean);
    }

    private static (IReadOnlyList<LegacyPackEntry> Entries, bool Clean) ReadAddressList(YamlFields fields, YamlSequenceNode list, int? count)
    {
        var clean = true;
        var entries = new List<LegacyPackEntry>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var itemPath = $"{fields.PathOf(LegacyKeys.BatteryAddresses)}[{i}]";
            if (item is YamlScalarNode scalar && YamlScalars.TryInt(scalar, out var address) && address is >= byte.MinValue and <= byte.MaxValue)
            {
                entries.Add(new LegacyPackEntry((byte)address, i, item.Start));
                continue;
            }
            // Same words as the validator's range check, which takes over for 16..255.
            var shown = item is YamlScalarNode number && YamlScalars.TryInt(number, out _) ? number.Value : YamlScalars.Show(item);
            fields.ErrorAt(item.Start, itemPath, $"{shown} is not a pack address (0-{HubConfigValidator.MaxPackAddress})");
            clean = false;
        }
        if (list.Children.Count == 0)
        {
            fields.Error(LegacyKeys.BatteryAddresses, "the list is empty: name at least one pack address");
            clean = false;
        }
        else if (count is { } expected && expected != list.Children.Count)
        {
            fields.Error(LegacyKeys.BatteryAddresses, $"lists {list.Children.Count} addresses but batteries is {expected}");
            clean = false;
        }
        return (entries, clean);
    }

    private static TimeSpan? ReadPollTimeout(YamlFields fields)
    {
        if (fields.Number(LegacyKeys.PollTimeout) is not { } seconds)
            return null;
        if (seconds > MaxPollTimeoutSeconds)
        {
            fields.Error(LegacyKeys.PollTimeout, $"{seconds} seconds is not a poll timeout (more than a day)");
            return null;
        }
        return TimeSpan.FromSeconds(seconds);
    }
}
