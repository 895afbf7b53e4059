using SolarHub.Configuration.Alerts;

namespace SolarHub.Configuration.Validation;

/// <summary>
/// Checks an <see cref="AlertsConfig"/>. Each finding names the field by its <c>config.yaml</c> keys, which are also
/// its path in the stored configuration: <c>alerts.rules.soc_low.clear</c>, <c>alerts.banks.bank-1.cell_delta.raise</c>,
/// <c>alerts.webhook</c>.
/// </summary>
public static class AlertsConfigValidator
{
    public const string Section = "alerts";

    /// <summary>A day: a longer wait would hide the problem it is meant to show.</summary>
    public static readonly TimeSpan MaxFor = TimeSpan.FromDays(1);

    /// <param name="bankIds">The configured banks: an override for any other bank is an error.</param>
    public static IReadOnlyList<ConfigError> Validate(AlertsConfig? alerts, IReadOnlyCollection<string> bankIds) =>
        alerts is null ? [] : FindIssues(alerts, bankIds).Select(i => new ConfigError(0, 0, i.Path, i.Message)).ToList();

    public static IReadOnlyList<(string Path, string Message)> FindIssues(AlertsConfig alerts, IReadOnlyCollection<string> bankIds)
    {
        var issues = new List<(string, string)>();
        if (alerts.Webhook is { } url && WebhookProblem(url) is { } problem) issues.Add(($"{Section}.webhook", problem));
        var seen = new HashSet<(AlertKind, string?)>();
        foreach (var rule in alerts.Overrides)
        {
            var path = rule.Path;
            var spec = AlertKinds.Of(rule.Kind);
            if (!seen.Add((rule.Kind, rule.BankId))) issues.Add((path, $"{spec.Key} is set twice for {(rule.BankId is null ? "every bank" : $"bank '{PrintableText.Short(rule.BankId)}'")}"));
            if (rule.BankId is { } bank && !bankIds.Contains(bank))
                issues.Add(($"{Section}.banks.{bank}", $"{PrintableText.Quote(bank)} is not the id of a bank"));
            if (rule.For is { } wait && (wait < TimeSpan.Zero || wait > MaxFor))
                issues.Add(($"{path}.for", $"{AlertRule.Seconds(wait)} is not a duration in seconds (0 to {AlertRule.Seconds(MaxFor)})"));
            if (!spec.HasThresholds)
            {
                if (rule.Raise is not null) issues.Add(($"{path}.raise", $"{spec.Key} is a condition without thresholds: set only for and enabled"));
                if (rule.Clear is not null) issues.Add(($"{path}.clear", $"{spec.Key} is a condition without thresholds: set only for and enabled"));
                continue;
            }
            var rangeProblem = false;
            foreach (var (field, value) in new[] { ("raise", rule.Raise), ("clear", rule.Clear) })
            {
                if (value is not { } v || (double.IsFinite(v) && v >= spec.Min && v <= spec.Max)) continue;
                issues.Add(($"{path}.{field}", $"{AlertRule.Number(v)} is not a {spec.Key} threshold ({AlertRule.Number(spec.Min)} to {AlertRule.Number(spec.Max)} {spec.Unit})"));
                rangeProblem = true;
            }
            if (rangeProblem) continue;
            // Checked as it applies, over the layers below: a raise alone can cross the default clear.
            var effective = AlertsConfig.Effective(alerts, rule.BankId, rule.Kind);
            bool ordered = spec.Above ? effective.Clear < effective.Raise : effective.Clear > effective.Raise;
            if (!ordered)
                issues.Add(($"{path}.{(rule.Clear is null ? "raise" : "clear")}",
                    $"clear {AlertRule.Number(effective.Clear)} must be {(spec.Above ? "below" : "above")} raise {AlertRule.Number(effective.Raise)} {spec.Unit}, " +
                    "or the alert would flap (give both raise and clear)"));
        }
        return issues;
    }

    private static string? WebhookProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return $"{PrintableText.Quote(url)} is not an http:// or https:// URL";
        if (string.IsNullOrEmpty(uri.Host)) return $"{PrintableText.Quote(url)} names no host";
        return null;
    }
}
