using SolarHub.Core.Telemetry;

namespace SolarHub.History.Energy;

/// <summary>Where the energy counters live: running totals and daily sums per bank and pack. Every call opens its own connection.</summary>
public interface IEnergyStore
{
    /// <summary>
    /// Adds the energy to the totals and to the days, for each pack and its bank, in one transaction, and returns the
    /// totals now stored for every bank it touched. Counters only grow: the adding is done by the database, so two
    /// nodes that wrote the same bank one after the other (it moved) add up rather than overwrite.
    /// </summary>
    Task<IReadOnlyList<BankEnergy>> AddAsync(IReadOnlyDictionary<EnergyKey, EnergyDelta> energy, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>The stored totals of one bank (null: of every bank); a bank never counted is absent.</summary>
    Task<IReadOnlyList<BankEnergy>> ReadTotalsAsync(string? bankId, CancellationToken ct = default);

    /// <summary>The daily sums of a bank (or one of its packs) from <paramref name="from"/> to <paramref name="to"/>, both included, days without any reading left out.</summary>
    Task<IReadOnlyList<EnergyDay>> ReadDaysAsync(string bankId, byte? pack, DateOnly from, DateOnly to, CancellationToken ct = default);
}
