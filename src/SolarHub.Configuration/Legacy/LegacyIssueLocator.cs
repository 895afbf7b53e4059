using SolarHub.Configuration.Validation;
using YamlDotNet.Core;
using static SolarHub.Configuration.Legacy.LegacyKeys;

namespace SolarHub.Configuration.Legacy;

/// <summary>Finds where in the legacy file a validator finding on the model was written, in the file's own key names.</summary>
internal static class LegacyIssueLocator
{
    /// <returns>The place, or null when the finding only repeats something the reader already reported.</returns>
    public static (Mark At, string Path)? Locate(ConfigSubject subject, IReadOnlyList<LegacyBank> banks)
    {
        var bank = banks[subject.BankIndex];
        if (subject.PackIndex is { } pack)
            return LocatePack(bank, pack, subject.Field);
        if (subject.AdapterIndex is { } adapterIndex)
            return LocateAdapterField(bank.Adapters[adapterIndex], subject.Field);

        return subject.Field switch
        {
            ConfigField.BankId => (bank.Fields.MarkOf(Id), bank.Fields.PathOf(Id)),
            ConfigField.BankName => (bank.Fields.MarkOf(Name), bank.Fields.PathOf(Name)),
            ConfigField.BankAdapters or ConfigField.BankPacks when bank.HasUnreadableAdapters => null,
            ConfigField.BankPacks when bank.PackSource is { Packs.IsClean: false } => null,
            ConfigField.BankAdapters or ConfigField.BankPacks => (bank.Fields.MarkOf(bank.AdaptersKey), bank.Fields.PathOf(bank.AdaptersKey)),
            _ => (bank.Fields.Start, bank.Path),
        };
    }

    // Packs come from one adapter's battery_addresses (or batteries) and cells_per_battery.
    private static (Mark, string)? LocatePack(LegacyBank bank, int pack, ConfigField field)
    {
        if (bank.PackSource is not { } source)
            return null;
        if (field == ConfigField.PackCells)
            return (source.Fields.MarkOf(CellsPerBattery), source.Fields.PathOf(CellsPerBattery));
        var entry = source.Packs.Entries[pack];
        return entry.ListIndex >= 0
            ? (entry.Mark, $"{source.Fields.PathOf(BatteryAddresses)}[{entry.ListIndex}]")
            : (source.Fields.MarkOf(Batteries), source.Fields.PathOf(Batteries));
    }

    private static (Mark, string) LocateAdapterField(LegacyAdapter adapter, ConfigField field)
    {
        if (field == ConfigField.Priority)
            return (adapter.PriorityMark, $"{adapter.Path}.{Priority}");
        var key = field switch
        {
            ConfigField.Transport => ConnectionType,
            ConfigField.Host => Host,
            ConfigField.Port => Port,
            ConfigField.SerialPath => SerialPort,
            ConfigField.BaudRate => BaudRate,
            ConfigField.DataBits => ByteSize,
            ConfigField.StopBits => StopBits,
            ConfigField.PollTimeout => PollTimeout,
            ConfigField.Node => Node,
            _ => null,
        };
        return key is null ? (adapter.EntryMark, adapter.Path) : (adapter.Fields.MarkOf(key), adapter.Fields.PathOf(key));
    }
}
