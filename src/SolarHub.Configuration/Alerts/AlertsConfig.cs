namespace SolarHub.Configuration.Alerts;

/// <summary>
/// The alert rules users changed (the <c>alerts:</c> section of config.yaml): overrides of the built-in LiFePO4 rules
/// (<see cref="AlertKinds"/>), for every bank or for one, and the URL each raise and clear is POSTed to (null: none).
/// Without this section every bank has the built-in rules and nothing is POSTed. Kept outside the banks' own
/// configuration so changing a threshold never restarts a bank.
/// </summary>
public sealed record AlertsConfig(IReadOnlyList<AlertOverride>? Rules = null, string? Webhook = null)
{
    /// <summary>The overrides (never null).</summary>
    public IReadOnlyList<AlertOverride> Overrides => Rules ?? [];

    /// <summary>Every rule as it applies to <paramref name="bankId"/>, in <see cref="AlertKind"/> order.</summary>
    public IReadOnlyList<AlertRule> RulesFor(string bankId) => Effective(this, bankId);

    /// <summary>The rules of a bank under <paramref name="alerts"/> (null: the built-in ones).</summary>
    public static IReadOnlyList<AlertRule> Effective(AlertsConfig? alerts, string bankId) =>
        AlertKinds.All.Select(spec => Effective(alerts, bankId, spec.Kind)).ToList();

    public static AlertRule Effective(AlertsConfig? alerts, string? bankId, AlertKind kind)
    {
        var rule = AlertKinds.Of(kind).Default;
        if (alerts is null) return rule;
        foreach (var o in alerts.Overrides.Where(o => o.Kind == kind && o.BankId is null)) rule = o.ApplyTo(rule);
        if (bankId is null) return rule;
        foreach (var o in alerts.Overrides.Where(o => o.Kind == kind && o.BankId == bankId)) rule = o.ApplyTo(rule);
        return rule;
    }

    /// <summary>The override for <paramref name="kind"/> at <paramref name="bankId"/> (null: hub-wide), or null.</summary>
    public AlertOverride? Find(AlertKind kind, string? bankId) => Overrides.FirstOrDefault(o => o.Kind == kind && o.BankId == bankId);

    /// <summary>This section with the override for its kind and bank replaced (or added; removed when empty).</summary>
    public AlertsConfig With(AlertOverride rule)
    {
        var rules = Overrides.Where(o => !(o.Kind == rule.Kind && o.BankId == rule.BankId)).ToList();
        if (!rule.IsEmpty) rules.Add(rule);
        return this with { Rules = rules.OrderBy(o => o.BankId is not null).ThenBy(o => o.BankId, StringComparer.Ordinal).ThenBy(o => o.Kind).ToList() };
    }

    /// <summary>Nothing set: the same as no section.</summary>
    public bool IsEmpty => Overrides.Count == 0 && Webhook is null;

    // By content: the planner compares sections to find a change, and a list compares by reference.
    public bool Equals(AlertsConfig? other) =>
        other is not null && Webhook == other.Webhook && Overrides.SequenceEqual(other.Overrides);

    public override int GetHashCode() => HashCode.Combine(Webhook, Overrides.Count);

    public string Describe() =>
        (Overrides.Count == 0 ? "built-in rules" : string.Join("; ", Overrides.Select(o => o.Describe()))) +
        (Webhook is null ? ", no webhook" : $", webhook {WebhookDisplay(Webhook)}");

    /// <summary>The URL without its user info or query (which may hold a token), for logs and output.</summary>
    public static string WebhookDisplay(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}" : url;

    public override string ToString() => Describe();
}
