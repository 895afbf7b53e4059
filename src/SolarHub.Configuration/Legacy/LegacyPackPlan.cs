using YamlDotNet.Core;

namespace SolarHub.Configuration.Legacy;

/// <summary>The packs one legacy adapter says its bus holds (<c>battery_addresses</c> or <c>batteries</c>, and <c>cells_per_battery</c>).</summary>
/// <param name="Entries">Usable addresses, in the order written.</param>
/// <param name="AddressesListed">True when <c>battery_addresses</c> was given; false when the addresses are the default 1..batteries.</param>
/// <param name="IsClean">False when a value here was already reported bad, so comparing it with other adapters would only add noise.</param>
internal sealed record LegacyPackPlan(IReadOnlyList<LegacyPackEntry> Entries, bool AddressesListed, int Cells, bool IsClean)
{
    /// <summary>The key the addresses come from, where a problem with them is shown.</summary>
    public string AddressKey => AddressesListed ? LegacyKeys.BatteryAddresses : LegacyKeys.Batteries;

    public IReadOnlyList<byte> SortedAddresses => Entries.Select(e => e.Address).Order().ToList();
}

/// <summary>One pack address and where it was written (<paramref name="ListIndex"/> -1 when it is a default).</summary>
internal readonly record struct LegacyPackEntry(byte Address, int ListIndex, Mark Mark);
