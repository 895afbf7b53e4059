using System.Globalization;
using System.IO.Ports;

namespace SolarHub.Configuration.Validation;

/// <summary>
/// Checks a <see cref="HubConfig"/> whatever its source (legacy YAML, later the database): every problem is reported, none stops the others.
/// </summary>
public static class HubConfigValidator
{
    public const int MaxPackAddress = 15;
    public const int MaxCells = 32;

    /// <summary>The problems with their model paths (<c>banks[bank-1].adapters[adapter-2].transport.port</c>) and line 0.</summary>
    public static IReadOnlyList<ConfigError> Validate(HubConfig config) =>
        FindIssues(config).Select(i => new ConfigError(0, 0, ModelPath.Of(config, i.Subject), i.Message)).ToList();

    /// <summary>The problems by model position, for a source that locates them in its own file.</summary>
    public static IReadOnlyList<ConfigIssue> FindIssues(HubConfig config) => FindIssues(config, SerialDeviceIdentity.OnThisMachine);

    /// <param name="devices">Tells which serial paths name one device (tests give their own links).</param>
    public static IReadOnlyList<ConfigIssue> FindIssues(HubConfig config, SerialDeviceIdentity devices)
    {
        var issues = new List<ConfigIssue>();
        CheckBankIds(config, issues);
        CheckSerialDevicesAreNotShared(config, devices, issues);
        for (var b = 0; b < config.Banks.Count; b++)
            CheckBank(config.Banks[b], b, issues);
        return issues;
    }

    private static void CheckBankIds(HubConfig config, List<ConfigIssue> issues)
    {
        var seen = new Dictionary<string, string>(IdSyntax.Comparer);
        for (var b = 0; b < config.Banks.Count; b++)
        {
            var bank = config.Banks[b];
            if (IdSyntax.Problem(bank.Id, "bank") is { } problem)
                issues.Add(new(new(b, ConfigField.BankId), problem));
            else if (seen.TryGetValue(bank.Id, out var first))
                issues.Add(new(new(b, ConfigField.BankId), first == bank.Id
                    ? $"bank id '{bank.Id}' is used by another bank"
                    : $"bank id '{bank.Id}' is the id of bank '{first}' in other letters (ids are compared ignoring case)"));
            else
                seen[bank.Id] = bank.Id;

            // A name equal to its id is checked as the id (whose rules are stricter).
            if (bank.Name != bank.Id && DisplayName.Problem(bank.Name, "bank") is { } nameProblem)
                issues.Add(new(new(b, ConfigField.BankName), nameProblem));
        }
    }

    // One serial device can be opened by one adapter only, so sharing it is wrong across banks too, under any of its names:
    // two adapters on one pty split its bytes between them.
    private static void CheckSerialDevicesAreNotShared(HubConfig config, SerialDeviceIdentity devices, List<ConfigIssue> issues)
    {
        var owners = new Dictionary<string, (string Bank, string Adapter, string Path)>(SerialDeviceIdentity.Comparer);
        for (var b = 0; b < config.Banks.Count; b++)
        {
            var bank = config.Banks[b];
            for (var a = 0; a < bank.Adapters.Count; a++)
            {
                if (bank.Adapters[a].Transport is not SerialTransport serial || SerialPathProblem(serial.Path) is not null)
                    continue;
                var device = devices.Of(serial.Path);
                if (!owners.TryGetValue(device, out var owner))
                    owners[device] = (bank.Id, bank.Adapters[a].Id, serial.Path);
                else if (owner.Path == serial.Path)
                    issues.Add(new(new(b, ConfigField.SerialPath, a),
                        $"{PrintableText.Escape(serial.Path)} is already used by adapter '{PrintableText.Short(owner.Adapter)}' of bank '{PrintableText.Short(owner.Bank)}'; a serial port can be opened by one adapter only"));
                else
                    issues.Add(new(new(b, ConfigField.SerialPath, a),
                        $"{PrintableText.Escape(serial.Path)} is the device {PrintableText.Escape(device)}, already used as {PrintableText.Escape(owner.Path)} by adapter " +
                        $"'{PrintableText.Short(owner.Adapter)}' of bank '{PrintableText.Short(owner.Bank)}'; a serial port can be opened by one adapter only"));
            }
        }
    }

    /// <summary>Why a serial path cannot be used as written, or null.</summary>
    private static string? SerialPathProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "the serial port path is empty";
        // "/dev/ttyUSB1 " opens nothing, or another device than the one people read.
        if (char.IsWhiteSpace(path[0]) || char.IsWhiteSpace(path[^1]))
            return $"{PrintableText.Quote(path)} starts or ends with a space: write the device path without it";
        if (PrintableText.HasUnsafe(path)) return $"{PrintableText.Quote(path)} holds control characters: it names no device";
        return null;
    }

    private static void CheckBank(BankConfig bank, int b, List<ConfigIssue> issues)
    {
        if (!bank.Adapters.Any(a => a.Enabled))
            issues.Add(new(new(b, ConfigField.BankAdapters), "no enabled adapter: the bank would never be read"));
        if (bank.Packs.Count == 0)
            issues.Add(new(new(b, ConfigField.BankPacks), "no pack: the bank has nothing to read"));

        var adapterIds = new Dictionary<string, string>(IdSyntax.Comparer);
        var priorities = new Dictionary<int, string>();
        for (var a = 0; a < bank.Adapters.Count; a++)
        {
            var adapter = bank.Adapters[a];
            if (IdSyntax.Problem(adapter.Id, "adapter") is { } problem)
                issues.Add(new(new(b, ConfigField.AdapterId, a), problem));
            else if (adapterIds.TryGetValue(adapter.Id, out var first))
                issues.Add(new(new(b, ConfigField.AdapterId, a), first == adapter.Id
                    ? $"adapter id '{adapter.Id}' is used twice in bank '{PrintableText.Short(bank.Id)}'"
                    : $"adapter id '{adapter.Id}' is the id of adapter '{first}' in other letters (ids are compared ignoring case)"));
            else
                adapterIds[adapter.Id] = adapter.Id;

            if (adapter.Priority is < AdapterConfig.MinPriority or > AdapterConfig.MaxPriority)
                issues.Add(new(new(b, ConfigField.Priority, a),
                    $"priority {adapter.Priority} is out of range: {AdapterConfig.MinPriority} (preferred) to {AdapterConfig.MaxPriority}"));
            else if (adapter.Enabled)
            {
                if (priorities.TryGetValue(adapter.Priority, out var holder))
                    issues.Add(new(new(b, ConfigField.Priority, a),
                        $"priority {adapter.Priority} is also the priority of enabled adapter '{holder}': the failover order would be ambiguous"));
                else
                    priorities[adapter.Priority] = adapter.Id;
            }

            CheckTransport(adapter.Transport, b, a, issues);
            if (adapter.Protocol == AdapterProtocol.JkPassive && adapter.Transport is ModbusTcpTransport modbus)
                issues.Add(new(new(b, ConfigField.Transport, a), PassiveOnModbusTcp(adapter.Id, modbus)));
            CheckTimings(adapter, b, a, issues);
            // Only the name's syntax: whether a serial adapter must name a node depends on running clustered, which the
            // cluster checks when it starts (docs/cluster.md).
            if (adapter.Node is { } node && IdSyntax.Problem(node, "node") is { } nodeProblem)
                issues.Add(new(new(b, ConfigField.Node, a), nodeProblem));
        }

        var addresses = new HashSet<byte>();
        for (var p = 0; p < bank.Packs.Count; p++)
        {
            var pack = bank.Packs[p];
            if (pack.Address > MaxPackAddress)
                issues.Add(new(new(b, ConfigField.PackAddress, PackIndex: p), $"{pack.Address} is not a pack address (0-{MaxPackAddress})"));
            else if (!addresses.Add(pack.Address))
                issues.Add(new(new(b, ConfigField.PackAddress, PackIndex: p), $"pack address {pack.Address} is listed twice"));
            if (pack.Cells is < 1 or > MaxCells)
                issues.Add(new(new(b, ConfigField.PackCells, PackIndex: p), $"{pack.Cells} is not a cell count (1-{MaxCells})"));
        }
    }

    private static void CheckTransport(TransportSettings transport, int b, int a, List<ConfigIssue> issues)
    {
        switch (transport)
        {
            case TcpTransport tcp:
                if (string.IsNullOrWhiteSpace(tcp.Host))
                    issues.Add(new(new(b, ConfigField.Host, a), "the host is empty"));
                if (tcp.Port is < 1 or > 65535)
                    issues.Add(new(new(b, ConfigField.Port, a), $"{tcp.Port} is not a TCP port (1-65535)"));
                break;
            case ModbusTcpTransport modbus:
                if (string.IsNullOrWhiteSpace(modbus.Host))
                    issues.Add(new(new(b, ConfigField.Host, a), "the host is empty"));
                if (modbus.Port is < 1 or > 65535)
                    issues.Add(new(new(b, ConfigField.Port, a), $"{modbus.Port} is not a TCP port (1-65535)"));
                break;
            case SerialTransport serial:
                if (SerialPathProblem(serial.Path) is { } pathProblem)
                    issues.Add(new(new(b, ConfigField.SerialPath, a), pathProblem));
                if (serial.BaudRate <= 0)
                    issues.Add(new(new(b, ConfigField.BaudRate, a), $"{serial.BaudRate} is not a baud rate (must be positive)"));
                if (serial.DataBits is < 5 or > 8)
                    issues.Add(new(new(b, ConfigField.DataBits, a), $"{serial.DataBits} is not a data bit count (5-8)"));
                if (serial.StopBits == StopBits.None || !Enum.IsDefined(serial.StopBits))
                    issues.Add(new(new(b, ConfigField.StopBits, a), $"{serial.StopBits} is not a stop bit setting (1, 1.5 or 2)"));
                break;
        }
    }

    // A converter in "Modbus TCP to RTU" mode sends nothing it was not asked for: a listener would wait in silence for ever.
    private static string PassiveOnModbusTcp(string adapterId, ModbusTcpTransport modbus) =>
        $"adapter '{PrintableText.Short(adapterId)}' listens (jk-passive) to {PrintableText.Escape(modbus.Describe())}, a Modbus TCP gateway, which forwards only " +
        "answers to the hub's own polls: it would only ever be silent. Make the adapter active (jk-active) to poll the packs through it, " +
        "or set the converter to transparent mode and use tcp://";

    private static void CheckTimings(AdapterConfig adapter, int b, int a, List<ConfigIssue> issues)
    {
        if (adapter.PollTimeout is { } timeout && timeout <= TimeSpan.Zero)
            issues.Add(new(new(b, ConfigField.PollTimeout, a), $"{Seconds(timeout)} is not a poll timeout in seconds (must be more than 0)"));
        if (adapter.PollGap is { } gap && gap < TimeSpan.Zero)
            issues.Add(new(new(b, ConfigField.PollGap, a), $"{Seconds(gap)} is not a poll gap in seconds (must be 0 or more)"));
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
