using System.Globalization;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>
/// What one <c>config alert</c> verb changes in the stored <see cref="AlertsConfig"/>: pure, so the verbs only read,
/// change and propose. Range and ordering checks are the store's (<c>AlertsConfigValidator</c>), which names the field.
/// </summary>
public static class AlertChange
{
    /// <summary>Sets the given fields of a rule (null keeps what is stored), for every bank or one.</summary>
    public static AlertsConfig? Set(AlertsConfig? stored, string rule, string? bankId, bool? enabled, double? raise, double? clear, double? forSeconds, out string error)
    {
        error = "";
        if (!TryKind(rule, out var kind, out error)) return null;
        if (forSeconds is { } s && (!double.IsFinite(s) || s < 0)) { error = $"--for: {s.ToString(CultureInfo.InvariantCulture)} is not a duration in seconds (0 or more)"; return null; }
        if (enabled is null && raise is null && clear is null && forSeconds is null) { error = "give --raise, --clear or --for"; return null; }
        var alerts = stored ?? new AlertsConfig();
        var current = alerts.Find(kind, bankId) ?? new AlertOverride(kind, bankId);
        return alerts.With(current with
        {
            Enabled = enabled ?? current.Enabled,
            Raise = raise ?? current.Raise,
            Clear = clear ?? current.Clear,
            For = forSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : current.For,
        });
    }

    /// <summary>Forgets what users set for a rule (or every rule: <c>all</c>), for every bank or one: the layer below applies again.</summary>
    public static AlertsConfig? Reset(AlertsConfig? stored, string rule, string? bankId, out string error)
    {
        error = "";
        var alerts = stored ?? new AlertsConfig();
        if (rule == "all") return alerts with { Rules = alerts.Overrides.Where(o => o.BankId != bankId).ToList() };
        if (!TryKind(rule, out var kind, out error)) return null;
        return alerts.With(new AlertOverride(kind, bankId));
    }

    public static AlertsConfig Webhook(AlertsConfig? stored, string? url) => (stored ?? new AlertsConfig()) with { Webhook = url };

    /// <summary>The rules as they apply, a line each, for every bank (or one) and the hub-wide layer.</summary>
    public static IReadOnlyList<string> List(HubConfig config, string? bankId)
    {
        var lines = new List<string>();
        var alerts = config.Alerts;
        lines.Add(alerts?.Webhook is { } url ? $"webhook: {AlertsConfig.WebhookDisplay(url)}" : "webhook: none");
        foreach (var bank in config.Banks.Where(b => bankId is null || b.Id == bankId))
        {
            lines.Add($"bank {bank.Id}:");
            foreach (var rule in AlertsConfig.Effective(alerts, bank.Id))
            {
                var origin = alerts?.Find(rule.Kind, bank.Id) is not null ? " (set for this bank)"
                    : alerts?.Find(rule.Kind, null) is not null ? " (set for every bank)" : "";
                lines.Add($"  {rule.Describe()}{origin}");
            }
        }
        return lines;
    }

    private static bool TryKind(string rule, out AlertKind kind, out string error)
    {
        error = "";
        if (AlertKinds.TryParse(rule, out kind)) return true;
        error = $"'{rule}' is not an alert rule (known: {AlertKinds.Keys})";
        return false;
    }
}
