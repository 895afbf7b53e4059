using System.Globalization;
using System.Text;
using SolarHub.Configuration.Alerts;

namespace SolarHub.Configuration.Legacy;

/// <summary>Writes the <c>alerts:</c> section as <see cref="LegacyAlertsReader"/> reads it: only what users changed.</summary>
internal static class LegacyAlertsWriter
{
    public static void Write(StringBuilder yaml, AlertsConfig alerts)
    {
        if (alerts.IsEmpty) return;
        yaml.AppendLine("alerts:");
        if (alerts.Webhook is { } webhook) yaml.AppendLine($"  webhook: {LegacyYamlWriter.Scalar(webhook)}");
        var hub = alerts.Overrides.Where(o => o.BankId is null).ToList();
        if (hub.Count > 0)
        {
            yaml.AppendLine("  rules:");
            foreach (var rule in hub) yaml.AppendLine($"    {AlertKinds.Of(rule.Kind).Key}: {Fields(rule)}");
        }
        var banks = alerts.Overrides.Where(o => o.BankId is not null).GroupBy(o => o.BankId!).ToList();
        if (banks.Count == 0) return;
        yaml.AppendLine("  banks:");
        foreach (var bank in banks)
        {
            yaml.AppendLine($"    {LegacyYamlWriter.Scalar(bank.Key)}:");
            foreach (var rule in bank) yaml.AppendLine($"      {AlertKinds.Of(rule.Kind).Key}: {Fields(rule)}");
        }
    }

    private static string Fields(AlertOverride rule)
    {
        var fields = new List<string>();
        if (rule.Enabled is { } enabled) fields.Add($"enabled: {(enabled ? "true" : "false")}");
        if (rule.Raise is { } raise) fields.Add($"raise: {raise.ToString("R", CultureInfo.InvariantCulture)}");
        if (rule.Clear is { } clear) fields.Add($"clear: {clear.ToString("R", CultureInfo.InvariantCulture)}");
        if (rule.For is { } wait) fields.Add($"for: {wait.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)}");
        return $"{{{string.Join(", ", fields)}}}";
    }
}
