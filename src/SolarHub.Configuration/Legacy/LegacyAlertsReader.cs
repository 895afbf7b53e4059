using SolarHub.Configuration.Alerts;
using SolarHub.Configuration.Validation;
using YamlDotNet.RepresentationModel;
using static SolarHub.Configuration.Legacy.LegacyKeys;

namespace SolarHub.Configuration.Legacy;

/// <summary>
/// Reads the <c>alerts:</c> section (SolarHub's own; the older hub had none): the webhook URL, hub-wide rule changes
/// under <c>rules:</c> and one bank's under <c>banks: {bank-id: ...}</c>, each rule a mapping of
/// <c>enabled, raise, clear, for</c> (seconds). An empty section means the built-in rules.
/// </summary>
internal static class LegacyAlertsReader
{
    public static AlertsConfig? Read(YamlNode section, IReadOnlyCollection<string> bankIds, LegacyDiagnostics diagnostics)
    {
        if (YamlScalars.IsNull(section)) return null;
        if (section is not YamlMappingNode mapping)
        {
            diagnostics.Error(section.Start, AlertsSection, $"{YamlScalars.Show(section)} is not a mapping (webhook, rules, banks)");
            return null;
        }
        var fields = new YamlFields(mapping, AlertsSection, diagnostics);
        fields.RejectUnknownKeys(AlertsKeys, "the alerts section");
        var rules = new List<AlertOverride>();
        if (fields.Value(Rules) is { } hubRules) ReadRules(hubRules, fields.PathOf(Rules), null, rules, diagnostics);
        if (fields.Value(Banks) is { } banks)
        {
            if (banks is not YamlMappingNode byBank)
                fields.Error(Banks, $"{YamlScalars.Show(banks)} is not a mapping of bank ids to rules");
            else
                foreach (var (key, value) in byBank.Children)
                {
                    if (key is not YamlScalarNode { Value: { } bankId })
                    {
                        diagnostics.Error(key.Start, fields.PathOf(Banks), $"{YamlScalars.Show(key)} is not a bank id");
                        continue;
                    }
                    ReadRules(value, $"{fields.PathOf(Banks)}.{bankId}", bankId, rules, diagnostics);
                }
        }
        var alerts = new AlertsConfig(rules, fields.Text(Webhook));

        // The rules every source shares; where the reading above already reported, it is not said twice.
        foreach (var (path, message) in AlertsConfigValidator.FindIssues(alerts, bankIds))
            if (!diagnostics.HasErrorAt(path)) diagnostics.Error(MarkOf(mapping, path) ?? mapping.Start, path, message);
        return alerts;
    }

    private static void ReadRules(YamlNode node, string path, string? bankId, List<AlertOverride> rules, LegacyDiagnostics diagnostics)
    {
        if (YamlScalars.IsNull(node)) return;
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(node.Start, path, $"{YamlScalars.Show(node)} is not a mapping of rules ({AlertKinds.Keys})");
            return;
        }
        var fields = new YamlFields(mapping, path, diagnostics);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name }) continue; // YamlFields reported it
            if (!AlertKinds.TryParse(name, out var kind) || AlertKinds.Of(kind).Key != name)
            {
                fields.Error(name, $"unknown alert rule '{name}' (known: {AlertKinds.Keys})");
                continue;
            }
            if (YamlScalars.IsNull(value)) continue;
            if (value is not YamlMappingNode ruleMapping)
            {
                fields.Error(name, $"{YamlScalars.Show(value)} is not a mapping (enabled, raise, clear, for)");
                continue;
            }
            var rule = new YamlFields(ruleMapping, fields.PathOf(name), diagnostics);
            rule.RejectUnknownKeys(AlertRuleKeys, $"the {name} rule");
            var seconds = rule.Number(For);
            if (seconds is < 0 || seconds > AlertsConfigValidator.MaxFor.TotalSeconds)
            {
                rule.Error(For, $"{AlertRule.Number(seconds.Value)} is not a duration in seconds (0 to {AlertRule.Seconds(AlertsConfigValidator.MaxFor)})");
                seconds = null;
            }
            rules.Add(new AlertOverride(kind, bankId, rule.Bool(Enabled), rule.Number(Raise), rule.Number(Clear),
                seconds is { } s ? TimeSpan.FromSeconds(s) : null));
        }
    }

    // The validator names paths; the file's line is found by walking the same keys.
    private static YamlDotNet.Core.Mark? MarkOf(YamlMappingNode section, string path)
    {
        YamlNode node = section;
        YamlDotNet.Core.Mark? mark = null;
        foreach (var key in path.Split('.').Skip(1))
        {
            if (node is not YamlMappingNode mapping) break;
            var entry = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var k } && k == key);
            if (entry.Key is null) break;
            node = entry.Value;
            mark = YamlScalars.IsNull(node) ? entry.Key.Start : node.Start;
        }
        return mark;
    }
}
