using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using SolarHub.Configuration;

namespace SolarHub.ConfigStore;

/// <summary>
/// Stores change sets and snapshots as JSON with stable, explicit type names, so the database stays readable and
/// does not depend on .NET type names (the default serializer would store compiler-generated collection types).
/// </summary>
public sealed class ConfigStoreSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 741_001;
    private const string ChangeSetManifest = "change-set.v1";
    private const string SnapshotManifest = "config.v1";

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        ConfigChangeSet => ChangeSetManifest,
        HubConfig => SnapshotManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not stored by {nameof(ConfigStoreSerializer)}"),
    };

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        ChangeSetManifest => JsonSerializer.Deserialize<ConfigChangeSet>(bytes, Options)!,
        SnapshotManifest => JsonSerializer.Deserialize<HubConfig>(bytes, Options)!,
        _ => throw new System.Runtime.Serialization.SerializationException($"unknown configuration manifest '{manifest}'"),
    };

    // The configuration model's own contract (transport kinds, derived values left out) comes from ConfigJson.
    private static JsonSerializerOptions CreateOptions() => ConfigJson.CreateOptions(ChangeKinds);

    // Names are part of the stored format: never rename one, add new ones.
    private static void ChangeKinds(JsonTypeInfo info)
    {
        if (info.Type == typeof(IConfigChange))
            info.PolymorphismOptions = ConfigJson.Derived(
                (typeof(BankAdded), "bank-added"), (typeof(BankRemoved), "bank-removed"), (typeof(BankRenamed), "bank-renamed"),
                (typeof(BankPacksChanged), "bank-packs-changed"), (typeof(AdapterAttached), "adapter-attached"),
                (typeof(AdapterDetached), "adapter-detached"), (typeof(AdapterPriorityChanged), "adapter-priority-changed"),
                (typeof(AdapterEnabledChanged), "adapter-enabled-changed"), (typeof(AdapterSettingsChanged), "adapter-settings-changed"),
                (typeof(ArrayDefined), "array-defined"), (typeof(ArrayRemoved), "array-removed"),
                (typeof(MqttConfigured), "mqtt-configured"), (typeof(MqttRemoved), "mqtt-removed"),
                (typeof(AdapterNodeChanged), "adapter-node-changed"),
                (typeof(AlertsConfigured), "alerts-configured"), (typeof(AlertsRemoved), "alerts-removed"));
    }
}
