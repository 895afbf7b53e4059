namespace SolarHub.Configuration.Validation;

/// <summary>Names a <see cref="ConfigSubject"/> in model terms (<c>banks[bank-1].adapters[adapter-2].transport.port</c>), for sources without their own names.</summary>
public static class ModelPath
{
    public static string Of(HubConfig config, ConfigSubject subject)
    {
        var bank = config.Banks[subject.BankIndex];
        var bankPath = $"banks[{KeyOf(bank.Id, subject.BankIndex)}]";
        if (subject.PackIndex is { } pack)
            return $"{bankPath}.packs[{pack}].{PackFieldName(subject.Field)}";
        if (subject.AdapterIndex is { } adapterIndex)
        {
            var adapterPath = $"{bankPath}.adapters[{KeyOf(bank.Adapters[adapterIndex].Id, adapterIndex)}]";
            var field = AdapterFieldName(subject.Field);
            return field.Length == 0 ? adapterPath : $"{adapterPath}.{field}";
        }
        return subject.Field switch
        {
            ConfigField.BankId => $"{bankPath}.id",
            ConfigField.BankName => $"{bankPath}.name",
            ConfigField.BankAdapters => $"{bankPath}.adapters",
            ConfigField.BankPacks => $"{bankPath}.packs",
            _ => bankPath,
        };
    }

    // An entity without a usable id is named by its position instead; an id is shown safely, a huge one cut.
    private static string KeyOf(string id, int index) => string.IsNullOrWhiteSpace(id) ? index.ToString() : PrintableText.Short(id, IdSyntax.MaxLength);

    private static string PackFieldName(ConfigField field) => field == ConfigField.PackCells ? "cells" : "address";

    private static string AdapterFieldName(ConfigField field) => field switch
    {
        ConfigField.AdapterId => "id",
        ConfigField.Priority => "priority",
        ConfigField.Transport => "transport",
        ConfigField.Host => "transport.host",
        ConfigField.Port => "transport.port",
        ConfigField.SerialPath => "transport.path",
        ConfigField.BaudRate => "transport.baudRate",
        ConfigField.DataBits => "transport.dataBits",
        ConfigField.StopBits => "transport.stopBits",
        ConfigField.PollTimeout => "pollTimeout",
        ConfigField.PollGap => "pollGap",
        ConfigField.Node => "node",
        _ => "",
    };
}
