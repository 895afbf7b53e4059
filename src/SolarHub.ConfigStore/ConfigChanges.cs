using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;

namespace SolarHub.ConfigStore;

// The vocabulary of configuration changes. A change set is stored as one event, so it applies whole or not at all.

/// <summary>One change to the configuration hierarchy.</summary>
public interface IConfigChange
{
    /// <summary>What changed, for people: "adapter bank-1/gw-b disabled".</summary>
    string Describe();
}

public sealed record BankAdded(string BankId, string Name, IReadOnlyList<PackConfig> Packs) : IConfigChange
{
    public string Describe() => $"bank {BankId} added ({Name}, packs {string.Join(",", Packs.Select(p => p.Address))})";
}

public sealed record BankRemoved(string BankId) : IConfigChange
{
    public string Describe() => $"bank {BankId} removed";
}

public sealed record BankRenamed(string BankId, string Name) : IConfigChange
{
    public string Describe() => $"bank {BankId} renamed to {Name}";
}

public sealed record BankPacksChanged(string BankId, IReadOnlyList<PackConfig> Packs) : IConfigChange
{
    public string Describe() => $"bank {BankId} packs now {string.Join(",", Packs.Select(p => $"{p.Address}({p.Cells} cells)"))}";
}

public sealed record AdapterAttached(string BankId, AdapterConfig Adapter) : IConfigChange
{
    public string Describe() => $"adapter {BankId}/{Adapter.Describe()} attached";
}

public sealed record AdapterDetached(string BankId, string AdapterId) : IConfigChange
{
    public string Describe() => $"adapter {BankId}/{AdapterId} detached";
}

public sealed record AdapterPriorityChanged(string BankId, string AdapterId, int Priority) : IConfigChange
{
    public string Describe() => $"adapter {BankId}/{AdapterId} priority {Priority}";
}

public sealed record AdapterEnabledChanged(string BankId, string AdapterId, bool Enabled) : IConfigChange
{
    public string Describe() => $"adapter {BankId}/{AdapterId} {(Enabled ? "enabled" : "disabled")}";
}

/// <summary>The cluster node the adapter's port is attached to set, or cleared (null: any node may open it).</summary>
public sealed record AdapterNodeChanged(string BankId, string AdapterId, string? Node) : IConfigChange
{
    public string Describe() => Node is null ? $"adapter {BankId}/{AdapterId} node cleared" : $"adapter {BankId}/{AdapterId} node {Node}";
}

/// <summary>Protocol, transport, layout or timeouts changed (priority, enabled and node have their own changes).</summary>
public sealed record AdapterSettingsChanged(string BankId, AdapterConfig Adapter) : IConfigChange
{
    public string Describe() => $"adapter {BankId}/{Adapter.Describe()} settings changed";
}

public sealed record ArrayDefined(BatteryArrayConfig Array) : IConfigChange
{
    public string Describe() => $"battery array {Array.Id} ({Array.Name}) = banks {string.Join(",", Array.BankIds)}";
}

public sealed record ArrayRemoved(string ArrayId) : IConfigChange
{
    public string Describe() => $"battery array {ArrayId} removed";
}

/// <summary>MQTT output set up or changed: the whole section at once (it is small, and a partial change has no use).</summary>
public sealed record MqttConfigured(MqttConfig Mqtt) : IConfigChange
{
    public string Describe() => $"mqtt: {Mqtt.Describe()}";
}

public sealed record MqttRemoved : IConfigChange
{
    public string Describe() => "mqtt output removed";
}

/// <summary>Alert rules or their webhook changed: the whole section at once (small, and read as a whole by the watcher).</summary>
public sealed record AlertsConfigured(AlertsConfig Alerts) : IConfigChange
{
    public string Describe() => $"alerts: {Alerts.Describe()}";
}

/// <summary>Back to the built-in alert rules, no webhook.</summary>
public sealed record AlertsRemoved : IConfigChange
{
    public string Describe() => "alerts: back to the built-in rules, no webhook";
}

/// <summary>The persisted event: the changes one client made in one go, and the id of its request (none in older events).</summary>
public sealed record ConfigChangeSet(DateTimeOffset At, string Source, IReadOnlyList<IConfigChange> Changes,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Guid? RequestId = null);
