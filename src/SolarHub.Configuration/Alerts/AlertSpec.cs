namespace SolarHub.Configuration.Alerts;

/// <summary>
/// How a kind of alert is judged and its built-in LiFePO4 rule (docs/configuration.md, "Alert rules", says why each
/// default is what it is).
/// </summary>
/// <param name="Key">The name users write: <c>cell_delta</c>, <c>soc_low</c>.</param>
/// <param name="Above">True: raised at or above <see cref="AlertRule.Raise"/>; false: at or below.</param>
/// <param name="PerPack">Judged for each pack (false: for the bank as a whole).</param>
/// <param name="HasThresholds">False for a condition (stale, standby, down): only its duration can be set.</param>
/// <param name="Min">The lowest threshold that makes sense for the unit.</param>
/// <param name="Max">The highest threshold that makes sense for the unit.</param>
public sealed record AlertSpec(AlertKind Kind, string Key, string Title, string Unit, bool Above, bool PerPack, bool HasThresholds,
    double Min, double Max, AlertRule Default);
