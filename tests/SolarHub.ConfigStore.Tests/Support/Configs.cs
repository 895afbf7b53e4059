using SolarHub.Configuration;

namespace SolarHub.ConfigStore.Tests.Support;

/// <summary>Small valid configurations to build tests from.</summary>
public static class Configs
{
    public static IReadOnlyList<PackConfig> Packs(params byte[] addresses) => addresses.Select(a => new PackConfig(a)).ToList();

    public static AdapterConfig Tcp(string id, int priority, int port = 8899, string host = "127.0.0.1", bool enabled = true) =>
        new(id, AdapterProtocol.JkPassive, new TcpTransport(host, port), priority, enabled);

    public static AdapterConfig Serial(string id, int priority, string path = "/dev/ttyUSB0", int baud = 115200) =>
        new(id, AdapterProtocol.JkActive, new SerialTransport(path, baud), priority);

    public static BankConfig Bank(string id, params AdapterConfig[] adapters) => new(id, $"Bank {id}", Packs(1, 2, 3), adapters);

    /// <summary>Two banks of two adapters each, and an array of both.</summary>
    public static HubConfig TwoBanks() => new(
        [
            Bank("bank-1", Tcp("gw-a", 1, 8899), Serial("usb", 2)),
            Bank("bank-2", Tcp("gw-c", 1, 8900, "10.0.0.2"), Tcp("gw-d", 2, 8901, "10.0.0.3")),
        ],
        [],
        [new BatteryArrayConfig("all", "All banks", ["bank-1", "bank-2"])]);

    /// <summary>The changes that build <paramref name="config"/> from nothing.</summary>
    public static IReadOnlyList<IConfigChange> From(HubConfig config) => ConfigPlanner.Plan(HubConfig.Empty, config);

    /// <summary>Whether two configurations hold the same banks, adapters, packs and arrays (lists compared by content).</summary>
    public static string Canonical(HubConfig config) =>
        string.Join("\n", config.Banks.Select(b =>
            $"{b.Id}|{b.Name}|{string.Join(",", b.Packs)}|{string.Join(",", b.Adapters)}")
        .Concat(config.BatteryArrays.Select(a => $"array {a.Id}|{a.Name}|{string.Join(",", a.BankIds)}")));
}
