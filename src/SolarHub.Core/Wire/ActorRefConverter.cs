using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace SolarHub.Core.Wire;

/// <summary>
/// An actor reference as Akka writes it for the wire (its full path with the node's address and the actor's uid), read
/// back through the receiving system's provider (Nobody as an empty string): a bank's reference reaches an adapter host on another node this way.
/// </summary>
internal sealed class ActorRefConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
{
    public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);

    public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { Length: > 0 } path ? system.Provider.ResolveActorRef(path) : ActorRefs.Nobody;

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.IsNobody() ? "" : Akka.Serialization.Serialization.SerializedActorPath(value));
}
