using SolarHub.Core.Telemetry;

namespace SolarHub.History.Energy;

/// <summary>
/// The energy counted since the last write, per pack and UTC day, from every pack's readings. A bank's energy is the
/// sum of its packs'. What a write takes out is put back when the write fails, so nothing counted is lost; a reading
/// that adds nothing still marks its bank, so its totals are published after each write even while it idles.
/// </summary>
public sealed class EnergyLedger(TimeSpan maxGap)
{
    private readonly Dictionary<(string Bank, byte Pack), EnergyIntegrator> _integrators = new();
    private Dictionary<EnergyKey, EnergyDelta> _pending = new();

    public bool IsEmpty => _pending.Count == 0;

    public void Add(PackTelemetry reading)
    {
        var key = (reading.BankId, reading.Address);
        if (!_integrators.TryGetValue(key, out var integrator)) _integrators[key] = integrator = new EnergyIntegrator(maxGap);
        if (reading.Stale)
        {
            integrator.Break();
            return;
        }
        var delta = integrator.Add(reading.UpdatedAt, reading.PackVoltage, reading.Current);
        var day = EnergyKey.DayOf(reading.UpdatedAt);
        Add(new EnergyKey(reading.BankId, reading.Address, day), delta);
    }

    /// <summary>
    /// The bank left this node (<see cref="BankLeftNode"/>): its packs' last readings are dropped, so that a reading after it
    /// comes back is not bridged to one before (the node it ran on meanwhile counted that time). What was counted stays to be written.
    /// </summary>
    public void Forget(string bankId)
    {
        foreach (var key in _integrators.Keys.Where(k => k.Bank == bankId).ToList()) _integrators.Remove(key);
    }

    /// <summary>Everything counted since the last call; the ledger starts empty again.</summary>
    public IReadOnlyDictionary<EnergyKey, EnergyDelta> TakePending()
    {
        var taken = _pending;
        _pending = new Dictionary<EnergyKey, EnergyDelta>();
        return taken;
    }

    /// <summary>A write that failed: its energy is counted again with what came since.</summary>
    public void PutBack(IReadOnlyDictionary<EnergyKey, EnergyDelta> unwritten)
    {
        foreach (var (key, delta) in unwritten) Add(key, delta);
    }

    private void Add(EnergyKey key, EnergyDelta delta) =>
        _pending[key] = _pending.TryGetValue(key, out var sum) ? sum + delta : delta;
}

/// <summary>One pack's energy on one UTC day (<see cref="DayMs"/>: the day's start in Unix milliseconds, as the history's daily buckets).</summary>
public readonly record struct EnergyKey(string BankId, byte Pack, long DayMs)
{
    private const long MsPerDay = 86_400_000;

    public static long DayOf(DateTimeOffset at)
    {
        long ms = at.ToUnixTimeMilliseconds();
        return ms - (((ms % MsPerDay) + MsPerDay) % MsPerDay);
    }
}
