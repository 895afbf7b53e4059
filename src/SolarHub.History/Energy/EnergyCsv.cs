using System.Globalization;
using System.Text;

namespace SolarHub.History.Energy;

/// <summary>Days of energy as CSV: a header, then <c>day,charged_kwh,discharged_kwh</c> per day (kWh to the watt-hour, invariant numbers).</summary>
public static class EnergyCsv
{
    public const string Header = "day,charged_kwh,discharged_kwh";

    public static string Write(IEnumerable<EnergyDay> days)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var d in days)
            text.Append(CultureInfo.InvariantCulture, $"{d.Day:yyyy-MM-dd},{d.ChargedKwh:0.###},{d.DischargedKwh:0.###}\n");
        return text.ToString();
    }
}
