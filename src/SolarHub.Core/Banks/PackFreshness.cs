using SolarHub.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Banks;

/// <summary>A pack's new telemetry to publish, and the alarm change it brings, if any (a struct: one per reading).</summary>
public readonly record struct PackUpdate(PackTelemetry Telemetry, BankAlarm? Alarm);

/// <summary>
/// The bank's packs and how fresh each one is. Only the active adapter's readings reach it, so a pack is fresh while
/// the adapter that feeds the bank delivers it; one that is not heard from for the stale deadline is published as stale
/// (its last values kept, never shown as live) with an alarm, cleared by its next reading.
/// </summary>
public sealed class PackFreshness(string bankId)
{
    private readonly SortedDictionary<byte, PackRecord> _packs = new();
    // A bank configured without packs takes every address that answers as one of its packs.
    private bool _takesAnyAddress = true;

    public IReadOnlyCollection<PackRecord> Records => _packs.Values;

    public IEnumerable<byte> Addresses => _packs.Keys;

    public bool AnyFresh => _packs.Values.Any(p => !p.Stale);

    public bool AllFresh => _packs.Count > 0 && _packs.Values.All(p => !p.Stale);

    /// <summary>Keeps the configured packs (with what they know), adds new ones (stale until they report), drops the rest.</summary>
    public void Reconcile(IReadOnlyList<PackConfig> packs)
    {
        _takesAnyAddress = packs.Count == 0;
        var addresses = packs.Select(p => p.Address).ToHashSet();
        foreach (var gone in _packs.Keys.Where(a => !addresses.Contains(a)).ToList()) _packs.Remove(gone);
        foreach (var address in addresses) if (!_packs.ContainsKey(address)) _packs[address] = new PackRecord(address);
    }

    /// <summary>A reading of the active adapter; null when the address is not a pack of this bank.</summary>
    public PackUpdate? Update(byte address, string adapterId, DateTimeOffset at, in CellInfo values, long sourceTimestamp)
    {
        if (!_packs.TryGetValue(address, out var pack))
        {
            if (!_takesAnyAddress) return null;
            _packs[address] = pack = new PackRecord(address);
        }
        bool wasStale = pack.Stale && pack.Latest is not null;
        pack.Latest = PackTelemetry.From(bankId, address, adapterId, at, values, sourceTimestamp);
        pack.Stale = false;
        return new PackUpdate(pack.Latest, wasStale ? new BankAlarm(bankId, at, BankAlarmKind.PackStale, $"pack {address}: fresh data again", Cleared: true) : null);
    }

    /// <summary>
    /// An adapter just became active: a hot standby already holds fresh readings, published now rather than after its
    /// next frames. Readings older than <paramref name="staleAfter"/> are left out.
    /// </summary>
    public IReadOnlyList<PackUpdate> Adopt(AdapterTracker adapter, DateTimeOffset now, TimeSpan staleAfter)
    {
        var updates = new List<PackUpdate>();
        foreach (var (address, (values, at)) in adapter.Latest)
            if (now - at <= staleAfter && Update(address, adapter.Id, at, values, sourceTimestamp: 0) is { } update)
                updates.Add(update);
        return updates;
    }

    /// <summary>Marks the packs not heard from for <paramref name="staleAfter"/> stale, once each.</summary>
    public IReadOnlyList<PackUpdate> MarkStale(DateTimeOffset now, JudgingWindow window, TimeSpan staleAfter)
    {
        var updates = new List<PackUpdate>();
        foreach (var pack in _packs.Values)
        {
            if (pack.Stale || pack.Latest is null || now - window.SilentSince(pack.Latest.UpdatedAt) <= staleAfter) continue;
            pack.Stale = true;
            pack.Latest = pack.Latest with { Stale = true };
            updates.Add(new PackUpdate(pack.Latest,
                new BankAlarm(bankId, now, BankAlarmKind.PackStale, $"pack {pack.Address}: no fresh data for {staleAfter.TotalSeconds:0.#} s", Cleared: false)));
        }
        return updates;
    }
}
