using System.Globalization;
using SolarHub.ConfigStore;
using SolarHub.Configuration;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>
/// <c>config show</c>: the stored hierarchy as a tree: the system, its MQTT output (password masked), its battery
/// arrays, their banks (banks in no array last), each bank's packs and adapters in failover order with priority,
/// enabled, transport and node.
/// </summary>
public static class ConfigTree
{
    /// <summary>The lines, with what users wrote (ids, names, paths) shown safely: an escape sequence in a name prints as <c>\u001b</c>.</summary>
    public static IReadOnlyList<string> Render(StoredConfig stored, string databaseDescription) =>
        RenderRaw(stored, databaseDescription).Select(PrintableText.Escape).ToList();

    private static List<string> RenderRaw(StoredConfig stored, string databaseDescription)
    {
        var config = stored.Config;
        var lines = new List<string>
        {
            $"system: {databaseDescription}, version {stored.Version}: {Count(config.Banks.Count, "bank")}, " +
            $"{Count(config.Banks.Sum(b => b.Adapters.Count), "adapter")}, {Count(config.BatteryArrays.Count, "battery array")}",
        };
        if (config.Mqtt is { } mqtt) lines.Add($"mqtt: {mqtt.Describe()}");
        if (config.Alerts is { } alerts) lines.Add($"alerts: {alerts.Describe()} ('solarhub config alert list' shows every rule)");
        if (config.Banks.Count == 0 && config.BatteryArrays.Count == 0)
        {
            lines.Add("└── (nothing stored yet: 'solarhub config import config.yaml' or 'solarhub config bank add')");
            return lines;
        }

        var shown = new HashSet<string>(StringComparer.Ordinal);
        // Found by id, not searched for: a search per bank made showing 34,000 banks take 15 s.
        var byId = config.Banks.GroupBy(b => b.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var inArrays = config.BatteryArrays.SelectMany(a => a.BankIds).ToHashSet(StringComparer.Ordinal);
        var groups = config.BatteryArrays.Select(a => (Title: $"battery array {a.Id} \"{a.Name}\"", a.BankIds)).ToList();
        var loose = config.Banks.Where(b => !inArrays.Contains(b.Id)).Select(b => b.Id).ToList();
        if (loose.Count > 0) groups.Add((config.BatteryArrays.Count == 0 ? "banks" : "banks in no battery array", loose));

        for (int g = 0; g < groups.Count; g++)
        {
            bool lastGroup = g == groups.Count - 1;
            lines.Add($"{Branch(lastGroup)}{groups[g].Title}");
            var indent = Indent(lastGroup);
            var bankIds = groups[g].BankIds;
            if (bankIds.Count == 0) lines.Add($"{indent}└── (no bank)");
            for (int b = 0; b < bankIds.Count; b++)
            {
                bool lastBank = b == bankIds.Count - 1;
                var bank = byId.GetValueOrDefault(bankIds[b]);
                if (bank is null) { lines.Add($"{indent}{Branch(lastBank)}bank {bankIds[b]} (not stored)"); continue; }
                if (!shown.Add(bank.Id)) { lines.Add($"{indent}{Branch(lastBank)}bank {bank.Id} \"{bank.Name}\" (shown above)"); continue; }
                lines.Add($"{indent}{Branch(lastBank)}bank {bank.Id} \"{bank.Name}\"");
                AddBank(lines, bank, indent + Indent(lastBank));
            }
        }
        return lines;
    }

    private static void AddBank(List<string> lines, BankConfig bank, string indent)
    {
        var adapters = bank.Adapters.Select((a, i) => (a, i)).OrderBy(x => x.a.Priority).ThenBy(x => x.i).Select(x => x.a).ToList();
        lines.Add($"{indent}{Branch(adapters.Count == 0)}packs {Packs(bank.Packs)}");
        var active = bank.FailoverOrder.FirstOrDefault();
        for (int i = 0; i < adapters.Count; i++)
        {
            var a = adapters[i];
            var role = !a.Enabled ? "disabled" : ReferenceEquals(a, active) || a == active ? "enabled, primary" : "enabled, standby";
            var timeout = a.PollTimeout is { } t ? $", poll timeout {t.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s" : "";
            var node = a.Node is { } n ? $", node {n}" : "";
            lines.Add($"{indent}{Branch(i == adapters.Count - 1)}adapter {a.Id}: priority {a.Priority}, {role}, {Protocol(a.Protocol)}, {a.Transport.Describe()}{node}{timeout}");
        }
    }

    public static string Packs(IReadOnlyList<PackConfig> packs)
    {
        if (packs.Count == 0) return "(none)";
        if (packs.Select(p => p.Cells).Distinct().Count() == 1)
            return $"{string.Join(", ", packs.Select(p => p.Address))} ({packs[0].Cells} cells each)";
        return string.Join(", ", packs.Select(p => $"{p.Address} ({p.Cells} cells)"));
    }

    public static string Protocol(AdapterProtocol protocol) => protocol == AdapterProtocol.JkPassive ? "jk-passive" : "jk-active";

    private static string Branch(bool last) => last ? "└── " : "├── ";
    private static string Indent(bool last) => last ? "    " : "│   ";
    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
