using System.Globalization;
using System.Text.Json.Serialization;

namespace SolarHub.Configuration.Alerts;

/// <summary>
/// One rule as it applies to a bank: raised when the value reaches <see cref="Raise"/> and stays there for
/// <see cref="For"/>, cleared when it is back past <see cref="Clear"/> for as long. Between the two nothing changes
/// (hysteresis). A condition (pack stale, standby adapter, bank Down) has Raise 1 and Clear 0: 1 while it holds.
/// </summary>
public sealed record AlertRule(AlertKind Kind, bool Enabled, double Raise, double Clear, TimeSpan For)
{
    [JsonIgnore]
    public AlertSpec Spec => AlertKinds.Of(Kind);

    /// <summary>For people: <c>cell_delta: raise at or above 0.1 V, clear at or below 0.07 V, for 60 s</c>.</summary>
    public string Describe()
    {
        var spec = Spec;
        var duration = $"for {Seconds(For)} s";
        if (!Enabled) return $"{spec.Key}: off";
        if (!spec.HasThresholds) return $"{spec.Key}: raised after {duration[4..]} of the condition";
        var (raiseWord, clearWord) = spec.Above ? ("at or above", "at or below") : ("at or below", "at or above");
        return $"{spec.Key}: raise {raiseWord} {Number(Raise)} {spec.Unit}, clear {clearWord} {Number(Clear)} {spec.Unit}, {duration}";
    }

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
