namespace SolarHub.Configuration.Alerts;

/// <summary>
/// A user's change to one rule, for every bank (<see cref="BankId"/> null) or for one bank; a null field keeps what the
/// layer below says (the built-in default, then the hub-wide override).
/// </summary>
/// <param name="For">How long the value must stay past a threshold before the alert is raised or cleared.</param>
public sealed record AlertOverride(AlertKind Kind, string? BankId = null, bool? Enabled = null, double? Raise = null, double? Clear = null, TimeSpan? For = null)
{
    /// <summary><paramref name="rule"/> with this override's fields applied.</summary>
    public AlertRule ApplyTo(AlertRule rule) => rule with
    {
        Enabled = Enabled ?? rule.Enabled,
        Raise = Raise ?? rule.Raise,
        Clear = Clear ?? rule.Clear,
        For = For ?? rule.For,
    };

    /// <summary>For people: <c>soc_low for bank house: raise 20, clear 25, for 120 s</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Enabled is { } enabled) parts.Add(enabled ? "on" : "off");
        if (Raise is { } raise) parts.Add($"raise {AlertRule.Number(raise)}");
        if (Clear is { } clear) parts.Add($"clear {AlertRule.Number(clear)}");
        if (For is { } wait) parts.Add($"for {AlertRule.Seconds(wait)} s");
        return $"{AlertKinds.Of(Kind).Key} for {(BankId is null ? "every bank" : $"bank {BankId}")}: {string.Join(", ", parts)}";
    }

    /// <summary>True when it changes nothing (every field null).</summary>
    public bool IsEmpty => Enabled is null && Raise is null && Clear is null && For is null;

    /// <summary>Where it is written: <c>alerts.rules.soc_low</c> or <c>alerts.banks.bank-1.soc_low</c> (config.yaml's keys).</summary>
    public string Path => BankId is null ? $"alerts.rules.{AlertKinds.Of(Kind).Key}" : $"alerts.banks.{BankId}.{AlertKinds.Of(Kind).Key}";
}
