using SolarHub.Configuration.Validation;
using YamlDotNet.RepresentationModel;
using static SolarHub.Configuration.Legacy.LegacyKeys;

namespace SolarHub.Configuration.Legacy;

/// <summary>Reads one legacy bank mapping: id, name, and one <c>adapter:</c> or an <c>adapters:</c> list.</summary>
internal static class LegacyBankReader
{
    /// <summary>The older hub's id for a bank that had none (only the deprecated <c>battery_bank:</c> may omit it).</summary>
    public const string DeprecatedDefaultId = "battery";

    /// <param name="index">Position in <c>battery_banks</c>, or null for the deprecated <c>battery_bank:</c>.</param>
    public static LegacyBank? Read(YamlNode node, int? index, LegacyDiagnostics diagnostics)
    {
        var fallbackPath = index is { } i ? $"{BatteryBanks}[{i}]" : DeprecatedBatteryBank;
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(node.Start, fallbackPath, $"{YamlScalars.Show(node)} is not a bank mapping (id, name, adapters)");
            return null;
        }

        var peekedId = YamlFields.PeekText(mapping, Id);
        var path = index is null ? DeprecatedBatteryBank
            : string.IsNullOrWhiteSpace(peekedId) ? fallbackPath : $"{BatteryBanks}[{PrintableText.Short(peekedId, IdSyntax.MaxLength)}]";
        var fields = new YamlFields(mapping, path, diagnostics);

        var id = fields.Text(Id);
        if (id is null && index is null && !fields.Has(Id))
            id = DeprecatedDefaultId;
        else if (id is null && !fields.Has(Id))
            fields.Error(Id, "missing: each bank needs an id");
        var name = fields.Text(Name) ?? id;
        fields.RejectUnknownKeys(BankKeys, "a battery bank");

        var (adaptersKey, adapters, unreadable) = ReadAdapters(fields, diagnostics);
        var packSource = adapters.FirstOrDefault(a => a.Packs.IsClean) ?? adapters.FirstOrDefault();
        if (packSource is not null)
            CheckAdaptersAgreeOnPacks(packSource, adapters, id ?? path);

        var packs = packSource?.Packs.Entries.Select(e => new PackConfig(e.Address, packSource.Packs.Cells)).ToList() ?? [];
        var config = new BankConfig(id ?? "", name ?? "", packs, adapters.Select(a => a.Config).ToList());
        return new LegacyBank(config, path, fields, adaptersKey, adapters, packSource, unreadable);
    }

    private static (string Key, List<LegacyAdapter> Adapters, bool Unreadable) ReadAdapters(YamlFields bank, LegacyDiagnostics diagnostics)
    {
        var hasOne = bank.Has(Adapter);
        var hasList = bank.Has(Adapters);
        if (hasOne && hasList)
            bank.Error(Adapters, "adapter and adapters are both given: keep one (adapters, to list several with priorities)");

        if (hasList)
        {
            var (listed, unreadable) = ReadAdapterList(bank, diagnostics);
            return (Adapters, listed, unreadable);
        }
        if (hasOne)
        {
            // A lone adapter is the primary one: priority 1, enabled.
            var node = bank.Value(Adapter)!;
            var adapter = LegacyAdapterReader.Read(node, AdapterPath(bank, 0), AdapterId(0), 1, true, node.Start, diagnostics);
            return (Adapter, adapter is null ? [] : [adapter], adapter is null);
        }

        diagnostics.Error(bank.Start, bank.Path, "no adapter: give adapter: (one) or adapters: (a list with priorities)");
        return (Adapters, [], true);
    }

    private static (List<LegacyAdapter> Adapters, bool Unreadable) ReadAdapterList(YamlFields bank, LegacyDiagnostics diagnostics)
    {
        var adapters = new List<LegacyAdapter>();
        var list = bank.List(Adapters);
        if (list is null)
            return (adapters, true);
        if (list.Children.Count == 0)
        {
            bank.Error(Adapters, "the list is empty: a bank needs at least one adapter");
            return (adapters, true);
        }

        var unreadable = false;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var adapter = ReadAdapterEntry(list.Children[i], bank, i, diagnostics);
            if (adapter is null)
                unreadable = true;
            else
                adapters.Add(adapter);
        }
        return (adapters, unreadable);
    }

    private static LegacyAdapter? ReadAdapterEntry(YamlNode item, YamlFields bank, int index, LegacyDiagnostics diagnostics)
    {
        var path = AdapterPath(bank, index);
        if (item is not YamlMappingNode mapping)
        {
            diagnostics.Error(item.Start, path, $"{YamlScalars.Show(item)} is not an adapters entry (adapter, priority, enabled)");
            return null;
        }

        var entry = new YamlFields(mapping, path, diagnostics);
        entry.RejectUnknownKeys(AdapterEntryKeys, "an adapters entry",
            key => AdapterKeys.Contains(key) ? $"; adapter settings such as {key} go under adapter:" : null);
        var priority = entry.Int(Priority) ?? 1;
        var enabled = entry.Bool(Enabled) ?? true;
        if (entry.Value(Adapter) is not { } node)
        {
            entry.Error(Adapter, "missing: each adapters entry needs adapter: with its settings");
            return null;
        }
        return LegacyAdapterReader.Read(node, path, AdapterId(index), priority, enabled, entry.MarkOf(Priority), diagnostics);
    }

    // The legacy format has no adapter ids: number them by position so reading the same file twice gives the same ids.
    private static string AdapterId(int index) => $"adapter-{index + 1}";

    private static string AdapterPath(YamlFields bank, int index) => $"{bank.PathOf(Adapters)}[{AdapterId(index)}]";

    // All adapters of a bank reach one bus, so they must expect the same packs.
    private static void CheckAdaptersAgreeOnPacks(LegacyAdapter source, IReadOnlyList<LegacyAdapter> adapters, string bankName)
    {
        if (!source.Packs.IsClean)
            return;
        foreach (var other in adapters.Where(a => a != source && a.Packs.IsClean))
        {
            var mine = other.Packs.SortedAddresses;
            var theirs = source.Packs.SortedAddresses;
            if (!mine.SequenceEqual(theirs))
                other.Fields.Error(other.Packs.AddressKey,
                    $"pack addresses [{string.Join(", ", mine)}] of '{other.Config.Id}' differ from [{string.Join(", ", theirs)}] of '{source.Config.Id}': " +
                    $"the adapters of bank '{bankName}' reach the same packs");
            if (other.Packs.Cells != source.Packs.Cells)
                other.Fields.Error(CellsPerBattery,
                    $"{other.Packs.Cells} cells per battery on '{other.Config.Id}' differ from {source.Packs.Cells} on '{source.Config.Id}': " +
                    $"the adapters of bank '{bankName}' reach the same packs");
        }
    }
}
