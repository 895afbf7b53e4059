using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace SolarHub.Core.Wire;

/// <summary>
/// SolarHub's messages between nodes, as JSON under the stable names of <see cref="WireTypes"/>. Akka's default JSON
/// serializer cannot carry them: it loses the inline arrays of a <see cref="Protocol.Jk.Decoding.CellInfo"/> and
/// writes .NET type names into every message, so a renamed class would break a rolling upgrade.
/// </summary>
public sealed class WireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Unique among SolarHub's serializers (the configuration store's is 741_001).</summary>
    public const int SerializerId = 741_002;

    /// <summary>The name it is bound under in Akka's configuration.</summary>
    public const string Name = "solarhub-wire";

    private readonly JsonSerializerOptions _options = WireJson.CreateOptions(system);

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => RowFor(o).Name;

    // A message without data (ReportHeartbeat, GetBankSnapshot…) is its name alone.
    public override byte[] ToBinary(object obj)
    {
        var row = RowFor(obj);
        return row.Singleton is null ? JsonSerializer.SerializeToUtf8Bytes(obj, row.Type, _options) : [];
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!WireTypes.TryGet(manifest, out var row))
            throw new SerializationException($"unknown SolarHub wire manifest '{manifest}' (a message from a newer node?)");
        return row.Singleton
            ?? JsonSerializer.Deserialize(bytes, row.Type, _options)
            ?? throw new SerializationException($"'{manifest}' was read back as null");
    }

    private static WireTypes.Row RowFor(object o) =>
        WireTypes.TryGet(o.GetType(), out var row)
            ? row
            : throw new SerializationException($"{o.GetType()} has no SolarHub wire name: add a row to {nameof(WireTypes)}");
}
