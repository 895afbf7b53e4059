using SolarHub.Configuration.Validation;
using YamlDotNet.RepresentationModel;
using static SolarHub.Configuration.Legacy.LegacyKeys;

namespace SolarHub.Configuration.Legacy;

/// <summary>Reads <c>battery_bank_arrays:</c>, checking that every bank it names exists.</summary>
internal static class LegacyArrayReader
{
    public static IReadOnlyList<BatteryArrayConfig> Read(YamlNode section, IReadOnlySet<string> bankIds, LegacyDiagnostics diagnostics)
    {
        if (section is not YamlSequenceNode list)
        {
            diagnostics.Error(section.Start, BatteryBankArrays, $"{YamlScalars.Show(section)} is not a list of arrays (id, name, battery_bank_ids)");
            return [];
        }

        var arrays = new List<BatteryArrayConfig>();
        var arrayIds = new Dictionary<string, string>(IdSyntax.Comparer);
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (ReadArray(list.Children[i], i, bankIds, diagnostics) is not { } array)
                continue;
            if (array.Id.Length == 0 || IdSyntax.Problem(array.Id, "array") is not null)
                continue;
            if (arrayIds.TryGetValue(array.Id, out var first))
                diagnostics.Error(list.Children[i].Start, $"{BatteryBankArrays}[{array.Id}].{Id}", first == array.Id
                    ? $"array id '{array.Id}' is used by another array"
                    : $"array id '{array.Id}' is the id of array '{first}' in other letters (ids are compared ignoring case)");
            else
                arrayIds[array.Id] = array.Id;
            arrays.Add(array);
        }
        return arrays;
    }

    private static BatteryArrayConfig? ReadArray(YamlNode node, int index, IReadOnlySet<string> bankIds, LegacyDiagnostics diagnostics)
    {
        var fallbackPath = $"{BatteryBankArrays}[{index}]";
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(node.Start, fallbackPath, $"{YamlScalars.Show(node)} is not an array mapping (id, name, battery_bank_ids)");
            return null;
        }

        var peekedId = YamlFields.PeekText(mapping, Id);
        var fields = new YamlFields(mapping, string.IsNullOrWhiteSpace(peekedId) ? fallbackPath : $"{BatteryBankArrays}[{PrintableText.Short(peekedId, IdSyntax.MaxLength)}]", diagnostics);
        var id = fields.Text(Id);
        if (id is null && !fields.Has(Id))
            fields.Error(Id, "missing: each array needs an id");
        else if (id is not null && IdSyntax.Problem(id, "array") is { } idProblem)
            fields.Error(Id, idProblem);
        var name = fields.Text(Name) ?? id ?? "";
        if (name != id && DisplayName.Problem(name, "array") is { } nameProblem)
            fields.Error(Name, nameProblem);
        fields.RejectUnknownKeys(ArrayKeys, "a battery bank array");
        return new BatteryArrayConfig(id ?? "", name, ReadBankIds(fields, bankIds));
    }

    private static List<string> ReadBankIds(YamlFields fields, IReadOnlySet<string> bankIds)
    {
        var members = new List<string>();
        if (fields.List(BatteryBankIds) is not { } list)
            return members;
        for (var k = 0; k < list.Children.Count; k++)
        {
            var item = list.Children[k];
            var itemPath = $"{fields.PathOf(BatteryBankIds)}[{k}]";
            if (item is not YamlScalarNode { Value: { } bankId } || YamlScalars.IsNull(item))
                fields.ErrorAt(item.Start, itemPath, $"{YamlScalars.Show(item)} is not a bank id");
            else if (!bankIds.Contains(bankId))
                fields.ErrorAt(item.Start, itemPath, $"'{bankId}' is not the id of a bank in battery_banks");
            else if (members.Contains(bankId))
                fields.ErrorAt(item.Start, itemPath, $"'{bankId}' is listed twice");
            else
                members.Add(bankId);
        }
        return members;
    }
}
