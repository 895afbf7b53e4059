using SolarHub.Configuration.Alerts;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Alerts;

/// <summary>
/// The values the rules judge, read from telemetry. A stale pack's or bank's figures are the last known ones: only
/// the stale and Down conditions are read from them, never a threshold value.
/// </summary>
public static class AlertSignals
{
    public static IEnumerable<(AlertKind Kind, double Value)> Of(PackTelemetry pack)
    {
        yield return (AlertKind.PackStale, pack.Stale ? 1 : 0);
        if (pack.Stale) yield break;
        if (pack.Cells.Count > 0)
        {
            yield return (AlertKind.CellDelta, pack.CellDelta);
            yield return (AlertKind.CellMin, pack.CellMin);
            yield return (AlertKind.CellMax, pack.CellMax);
        }
        if (pack.Temperatures.Count > 0)
        {
            yield return (AlertKind.PackTemperatureHigh, pack.Temperatures.Max());
            yield return (AlertKind.PackTemperatureLow, pack.Temperatures.Min());
        }
        if (pack.MosTemperature is { } mos) yield return (AlertKind.MosTemperature, mos);
    }

    /// <param name="preferredAdapter">The bank's first enabled adapter in failover order (null: unknown).</param>
    public static IEnumerable<(AlertKind Kind, double Value)> Of(BankTelemetry bank, string? preferredAdapter)
    {
        yield return (AlertKind.BankDown, bank.State == BankState.Down ? 1 : 0);
        // Down is its own alert; a bank with no active adapter is on no standby one.
        bool onStandby = bank.ActiveAdapter is { } active && preferredAdapter is not null && active != preferredAdapter;
        yield return (AlertKind.StandbyAdapter, onStandby ? 1 : 0);
        if (!bank.Stale && bank.PacksFresh > 0) yield return (AlertKind.SocLow, bank.Soc);
    }
}
