using System.Globalization;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Configuration.Validation;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>How to reach an adapter, as given on the command line.</summary>
/// <param name="Tcp"><c>host:port</c> of an RS485-to-TCP gateway.</param>
/// <param name="Serial">A serial device, e.g. <c>/dev/ttyUSB0</c>.</param>
/// <param name="ModbusTcp"><c>host:port</c> of a gateway in "Modbus TCP to RTU" mode (active adapters only).</param>
/// <param name="Active">The hub polls the packs (no JK master on the bus): jk-active; otherwise it listens: jk-passive.</param>
/// <param name="Node">The cluster node the adapter's port is attached to (docs/cluster.md), or none.</param>
public sealed record AdapterOptions(string? Tcp, string? Serial, int? Baud, bool Active, double? PollTimeoutSeconds, string? Node = null, string? ModbusTcp = null)
{
    public bool Given => Tcp is not null || Serial is not null || ModbusTcp is not null;

    /// <summary>The adapter, or why these options do not make one (naming the option).</summary>
    public bool TryBuild(string id, int priority, bool enabled, out AdapterConfig? adapter, out string error)
    {
        adapter = null;
        error = "";
        if ((Tcp is not null ? 1 : 0) + (Serial is not null ? 1 : 0) + (ModbusTcp is not null ? 1 : 0) > 1) { error = "give one of --tcp, --modbus-tcp and --serial"; return false; }
        if (!Given) { error = "give --tcp host:port, --modbus-tcp host:port or --serial /dev/ttyUSB0"; return false; }
        if (Baud is not null && Serial is null) { error = "--baud applies to --serial only (a gateway sets its own serial line)"; return false; }
        TimeSpan? timeout = null;
        if (PollTimeoutSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 86400) { error = $"--poll-timeout: {seconds.ToString(CultureInfo.InvariantCulture)} is not a poll timeout in seconds (more than 0)"; return false; }
            timeout = TimeSpan.FromSeconds(seconds);
        }
        if (Node is not null && IdSyntax.Problem(Node, "node") is { } nodeProblem) { error = $"--node: {nodeProblem}"; return false; }

        TransportSettings transport;
        if (Tcp is not null)
        {
            if (!TryParseHostPort(Tcp, out var host, out var port, out error)) return false;
            transport = new TcpTransport(host, port);
        }
        else if (ModbusTcp is not null)
        {
            if (!TryParseHostPort(ModbusTcp, out var host, out var port, out error, "--modbus-tcp")) return false;
            transport = new ModbusTcpTransport(host, port);
        }
        else transport = new SerialTransport(Serial!, Baud ?? 115200);

        adapter = new AdapterConfig(id, Active ? AdapterProtocol.JkActive : AdapterProtocol.JkPassive, transport, priority, enabled, PollTimeout: timeout) { Node = Node };
        return true;
    }

    /// <summary><c>host:port</c>, <c>[ipv6]:port</c>. The range of the port is the validator's to check, with the adapter named.</summary>
    public static bool TryParseHostPort(string value, out string host, out int port, out string error, string option = "--tcp")
    {
        host = "";
        port = 0;
        error = "";
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"{option}: '{value}' is not host:port (e.g. 192.168.1.100:8899)";
            return false;
        }
        host = value[..colon].Trim();
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            error = $"{option}: '{value[(colon + 1)..]}' is not a TCP port (1-65535)";
            return false;
        }
        return true;
    }
}

/// <summary><c>config bank ...</c> and <c>config adapter ...</c>: one change set each, checked and stored by the store.</summary>
public static class EntityVerbs
{
    /// <summary>Adds a bank; with <paramref name="firstAdapter"/> its first adapter in the same change set (a bank needs one enabled adapter).</summary>
    public static Task<int> BankAddAsync(ConfigVerbRunner run, string bankId, string? name, string packs, int cells, AdapterOptions firstAdapter, string adapterId,
        string? database, bool verbose, CancellationToken ct)
    {
        if (!TryParsePacks(packs, cells, out var packList, out var packError)) return Task.FromResult(run.Error(packError));
        // The node belongs to the first adapter: without one it would be dropped without a word.
        if (firstAdapter.Node is not null && !firstAdapter.Given) return Task.FromResult(run.Error("--node is the first adapter's: give --tcp host:port or --serial /dev/ttyUSB0 too"));
        var changes = new List<IConfigChange> { new BankAdded(bankId, name ?? bankId, packList) };
        if (firstAdapter.Given)
        {
            if (!firstAdapter.TryBuild(adapterId, 1, true, out var adapter, out var error)) return Task.FromResult(run.Error(error));
            changes.Add(new AdapterAttached(bankId, adapter!));
        }
        return run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var answer = await run.ProposeAsync(session, changes, $"bank add {bankId}", ct);
            int exit = run.Report(answer, session);
            if (answer is ChangesRejected && !firstAdapter.Given)
                run.Err.WriteLine(PrintableText.Escape($"hint: a bank needs an enabled adapter: add --tcp host:port or --serial /dev/ttyUSB0 to attach its first one ({adapterId})"));
            return exit;
        });
    }

    /// <summary>Removes a bank (and takes it out of the battery arrays that list it, each shown as a change).</summary>
    public static Task<int> BankRemoveAsync(ConfigVerbRunner run, string bankId, string? database, bool verbose, CancellationToken ct) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            var changes = new List<IConfigChange> { new BankRemoved(bankId) };
            changes.AddRange(stored.Config.BatteryArrays.Where(a => a.BankIds.Contains(bankId))
                .Select(a => new ArrayDefined(a with { BankIds = a.BankIds.Where(id => id != bankId).ToList() })));
            return run.Report(await run.ProposeAsync(session, changes, $"bank remove {bankId}", ct), session);
        });

    public static Task<int> AdapterAddAsync(ConfigVerbRunner run, string bankId, string adapterId, AdapterOptions options, int? priority, bool disabled,
        string? database, bool verbose, CancellationToken ct)
    {
        // Checked before the session starts, so a typo costs no database round trip.
        if (!options.TryBuild(adapterId, priority ?? 1, !disabled, out _, out var error)) return Task.FromResult(run.Error(error));
        return run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            // Without --priority the new adapter comes after the bank's others.
            var bank = stored.Config.Banks.FirstOrDefault(b => b.Id == bankId);
            int chosen = priority ?? (bank is null || bank.Adapters.Count == 0 ? 1 : bank.Adapters.Max(a => a.Priority) + 1);
            options.TryBuild(adapterId, chosen, !disabled, out var adapter, out _);
            var answer = await run.ProposeAsync(session, [new AdapterAttached(bankId, adapter!)], $"adapter add {bankId}/{adapterId}", ct);
            return run.Report(answer, session);
        });
    }

    public static Task<int> AdapterRemoveAsync(ConfigVerbRunner run, string bankId, string adapterId, string? database, bool verbose, CancellationToken ct) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
            run.Report(await run.ProposeAsync(session, [new AdapterDetached(bankId, adapterId)], $"adapter remove {bankId}/{adapterId}", ct), session));

    public static Task<int> AdapterEnableAsync(ConfigVerbRunner run, string bankId, string adapterId, bool enabled, string? database, bool verbose, CancellationToken ct) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            var adapter = stored.Config.Banks.FirstOrDefault(b => b.Id == bankId)?.Adapters.FirstOrDefault(a => a.Id == adapterId);
            // Already so: nothing to store. (Unknown bank or adapter: the store names what is missing.)
            IReadOnlyList<IConfigChange> changes = adapter is not null && adapter.Enabled == enabled ? [] : [new AdapterEnabledChanged(bankId, adapterId, enabled)];
            var verb = enabled ? "enable" : "disable";
            return run.Report(await run.ProposeAsync(session, changes, $"adapter {verb} {bankId}/{adapterId}", ct), session);
        });

    /// <summary>
    /// Sets an adapter's priority. When another enabled adapter of the bank holds that priority, the two swap, in one
    /// change set (two enabled adapters may not share a priority).
    /// </summary>
    public static Task<int> AdapterPriorityAsync(ConfigVerbRunner run, string bankId, string adapterId, int priority, string? database, bool verbose, CancellationToken ct) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            var bank = stored.Config.Banks.FirstOrDefault(b => b.Id == bankId);
            var adapter = bank?.Adapters.FirstOrDefault(a => a.Id == adapterId);
            var changes = new List<IConfigChange>();
            if (adapter is null || adapter.Priority != priority)
            {
                changes.Add(new AdapterPriorityChanged(bankId, adapterId, priority));
                var holder = bank?.Adapters.FirstOrDefault(a => a.Id != adapterId && a.Enabled && a.Priority == priority);
                if (holder is not null && adapter is not null && adapter.Enabled)
                    changes.Add(new AdapterPriorityChanged(bankId, holder.Id, adapter.Priority));
            }
            return run.Report(await run.ProposeAsync(session, changes, $"adapter priority {bankId}/{adapterId}", ct), session);
        });

    /// <summary>Sets the cluster node an adapter's port is attached to, or clears it (<paramref name="node"/> null: any node may open it).</summary>
    public static Task<int> AdapterNodeAsync(ConfigVerbRunner run, string bankId, string adapterId, string? node, bool none, string? database, bool verbose, CancellationToken ct)
    {
        if (node is not null && none) return Task.FromResult(run.Error("give a node or --none, not both"));
        if (node is null && !none) return Task.FromResult(run.Error("give the node's name, or --none to clear it"));
        return run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            var adapter = stored.Config.Banks.FirstOrDefault(b => b.Id == bankId)?.Adapters.FirstOrDefault(a => a.Id == adapterId);
            // Already so: nothing to store. (Unknown bank or adapter, or a bad name: the store names what is wrong.)
            IReadOnlyList<IConfigChange> changes = adapter is not null && adapter.Node == node ? [] : [new AdapterNodeChanged(bankId, adapterId, node)];
            return run.Report(await run.ProposeAsync(session, changes, $"adapter node {bankId}/{adapterId}", ct), session);
        });
    }

    /// <summary><c>1,2,3</c> or ranges <c>1-4,7</c>. The range 0-15 is the validator's to check, with the bank named.</summary>
    public static bool TryParsePacks(string text, int cells, out IReadOnlyList<PackConfig> packs, out string error)
    {
        var list = new List<PackConfig>();
        packs = list;
        error = "";
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', 2, StringSplitOptions.TrimEntries);
            if (!byte.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || (bounds.Length == 2 && !byte.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                error = $"--packs: '{part}' is not a pack address (0-15) or a range of them (1-4)";
                return false;
            }
            byte last = bounds.Length == 2 ? byte.Parse(bounds[1], CultureInfo.InvariantCulture) : first;
            if (last < first) { error = $"--packs: '{part}' is an empty range"; return false; }
            for (int a = first; a <= last; a++) list.Add(new PackConfig((byte)a, cells));
        }
        return true;
    }
}
