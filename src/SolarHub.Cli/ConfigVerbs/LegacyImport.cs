using SolarHub.Configuration;
using SolarHub.Configuration.Legacy;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>
/// Turns what a legacy <c>config.yaml</c> holds into the configuration to store. The legacy format has no adapter
/// ids (the reader numbers them <c>adapter-1</c>, <c>adapter-2</c>… by position), so an adapter of the file that
/// reaches the same gateway or serial device as a stored adapter of the same bank keeps the stored adapter's id:
/// importing an exported file changes nothing, and moving an adapter in the list only changes priorities.
/// </summary>
public static class LegacyImport
{
    public static HubConfig Target(LegacyConfigResult read, HubConfig current)
    {
        var storedById = current.Banks.GroupBy(b => b.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var banks = read.Config.Banks.Select(bank =>
        {
            var stored = storedById.GetValueOrDefault(bank.Id);
            return stored is null ? bank : bank with { Adapters = KeepStoredIds(bank.Adapters, stored.Adapters) };
        }).ToList();
        return new HubConfig(banks, read.Config.IgnoredSections, read.Arrays, read.Config.Mqtt, read.Config.Alerts);
    }

    /// <summary>How an adapter is recognised across files: the endpoint it reaches.</summary>
    public static string EndpointOf(TransportSettings transport) => transport switch
    {
        TcpTransport tcp => $"tcp://{tcp.Host.Trim().ToLowerInvariant()}:{tcp.Port}",
        ModbusTcpTransport modbus => $"{ModbusTcpTransport.Scheme}://{modbus.Host.Trim().ToLowerInvariant()}:{modbus.Port}",
        SerialTransport serial => $"serial://{serial.Path.Trim()}",
        _ => transport.Describe(),
    };

    private static IReadOnlyList<AdapterConfig> KeepStoredIds(IReadOnlyList<AdapterConfig> fromFile, IReadOnlyList<AdapterConfig> stored)
    {
        var ids = new string?[fromFile.Count];
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < fromFile.Count; i++)
        {
            var endpoint = EndpointOf(fromFile[i].Transport);
            var match = stored.FirstOrDefault(s => !claimed.Contains(s.Id) && EndpointOf(s.Transport) == endpoint);
            if (match is null) continue;
            ids[i] = match.Id;
            claimed.Add(match.Id);
        }
        // The others keep the reader's positional id unless a matched adapter took it; then the next free adapter-N.
        var used = new HashSet<string>(claimed, StringComparer.Ordinal);
        for (int i = 0; i < fromFile.Count; i++)
        {
            if (ids[i] is not null) continue;
            var id = fromFile[i].Id;
            for (int n = fromFile.Count + 1; used.Contains(id); n++) id = $"adapter-{n}";
            ids[i] = id;
            used.Add(id);
        }
        return fromFile.Select((a, i) => a with { Id = ids[i]! }).ToList();
    }
}
