using SolarHub.Configuration.Alerts;

namespace SolarHub.Core.Alerts;

/// <summary>Asks the <see cref="AlertWatcher"/> for its alerts and rules; the answer is an <see cref="AlertsReport"/>.</summary>
public sealed record GetAlerts
{
    public static GetAlerts Instance { get; } = new();
}

/// <summary>The alerts raised now and the rules as they apply to each configured bank (<c>GET /api/alerts</c>).</summary>
/// <param name="Webhook">Where raises and clears are POSTed, shown without user info or query; null: nowhere.</param>
public sealed record AlertsReport(IReadOnlyList<ActiveAlert> Active, IReadOnlyList<BankAlertRules> Banks, string? Webhook, WebhookStatus? WebhookStatus)
{
    /// <summary>In a cluster's answer, the members that did not answer in time: the alerts of the banks they run are missing.</summary>
    public IReadOnlyList<string> Unanswered { get; init; } = [];
}

/// <summary>One bank's rules as they apply.</summary>
public sealed record BankAlertRules(string BankId, IReadOnlyList<AlertRuleView> Rules);

/// <summary>A rule for people and clients: thresholds in the rule's unit (none for a condition), the duration in seconds.</summary>
public sealed record AlertRuleView(string Rule, string Title, bool Enabled, double? Raise, double? Clear, double ForSeconds, string? Unit, bool PerPack, string Description)
{
    public static AlertRuleView Of(AlertRule rule)
    {
        var spec = rule.Spec;
        return new AlertRuleView(spec.Key, spec.Title, rule.Enabled, spec.HasThresholds ? rule.Raise : null, spec.HasThresholds ? rule.Clear : null,
            rule.For.TotalSeconds, spec.HasThresholds ? spec.Unit : null, spec.PerPack, rule.Describe());
    }
}

/// <summary>How the webhook fares: what was delivered, what waits, what was given up.</summary>
public sealed record WebhookStatus(long Delivered, int Queued, long Dropped, long Failures, string? LastError);
