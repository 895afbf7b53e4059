using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace SolarHub.ConfigStore;

/// <summary>
/// The store's requests and answers as they cross between cluster nodes (a write sent to the cluster's one writer, its
/// answer sent back), as JSON with the journal's own contract (<see cref="ConfigStoreSerializer.Options"/>): a change
/// reads the same in a message as in the database. Manifests are stable names, never .NET type names.
/// </summary>
public sealed class ConfigStoreMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 741_003;

    private static readonly (Type Type, string Manifest)[] Messages =
    [
        (typeof(GetStoredConfig), "get-stored-config"),
        (typeof(StoredConfig), "stored-config"),
        (typeof(ProposeChanges), "propose-changes"),
        (typeof(ReplaceConfig), "replace-config"),
        (typeof(ChangesAccepted), "changes-accepted"),
        (typeof(ChangesRejected), "changes-rejected"),
        (typeof(ChangesFailed), "changes-failed"),
    ];

    private static readonly Dictionary<Type, string> ManifestOf = Messages.ToDictionary(m => m.Type, m => m.Manifest);
    private static readonly Dictionary<string, Type> TypeOf = Messages.ToDictionary(m => m.Manifest, m => m.Type);

    /// <summary>The types this serializer carries, for the actor system's serialization bindings.</summary>
    public static IReadOnlyList<Type> Types { get; } = Messages.Select(m => m.Type).ToList();

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => ManifestFor(o);

    public override byte[] ToBinary(object obj) => Encode(obj);

    public override object FromBinary(byte[] bytes, string manifest) => Decode(bytes, manifest);

    /// <summary>The stable name of a message's type (also the inbox's, <see cref="ClusterWriter.ConfigInbox"/>).</summary>
    public static string ManifestFor(object o) =>
        ManifestOf.TryGetValue(o.GetType(), out var manifest) ? manifest
            : throw new ArgumentException($"{o.GetType()} is not carried by {nameof(ConfigStoreMessageSerializer)}");

    public static byte[] Encode(object obj) =>
        obj is GetStoredConfig ? [] : JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), ConfigStoreSerializer.Options);

    public static object Decode(byte[] bytes, string manifest)
    {
        if (!TypeOf.TryGetValue(manifest, out var type))
            throw new System.Runtime.Serialization.SerializationException($"unknown configuration store message '{manifest}'");
        if (type == typeof(GetStoredConfig)) return GetStoredConfig.Instance;
        return JsonSerializer.Deserialize(bytes, type, ConfigStoreSerializer.Options)
            ?? throw new System.Runtime.Serialization.SerializationException($"an empty '{manifest}' message");
    }
}
