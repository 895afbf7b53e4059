namespace SolarHub.History.Tests.Support;

/// <summary>Hand-made samples at controlled times, with values a reader can check by hand.</summary>
public static class Samples
{
    public static readonly DateTimeOffset Day1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A pack sample: soc as given, voltage 48 + soc/4, temperatures as given (none: null).</summary>
    public static HistorySample Pack(string bank, byte pack, DateTimeOffset at, double soc, double? temperatureMin = 20, double? temperatureMax = 25) =>
        new(bank, pack, at, [soc, 48 + soc / 4, -10, -500, 3.2, 3.3, 0.1, temperatureMin, temperatureMax, 42]);

    /// <summary>A bank sample: soc as given, power = -10 * soc.</summary>
    public static HistorySample Bank(string bank, DateTimeOffset at, double soc) =>
        new(bank, null, at, [soc, 52, -20, -10 * soc, 3.2, 3.3, 20, 25, 3]);
}
