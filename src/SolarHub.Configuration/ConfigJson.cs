using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SolarHub.Configuration;

/// <summary>
/// How the configuration model is written as JSON, shared by every serializer that carries it (the configuration
/// store's journal, the cluster's messages), so a bank's configuration reads the same wherever it is written.
/// </summary>
public static class ConfigJson
{
    /// <summary>
    /// Web defaults (camelCase), enums by name, and the configuration model's contract (<see cref="Modify"/>) followed
    /// by <paramref name="modifiers"/> for the caller's own types.
    /// </summary>
    public static JsonSerializerOptions CreateOptions(params Action<JsonTypeInfo>[] modifiers)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(Modify);
        foreach (var modifier in modifiers) resolver.Modifiers.Add(modifier);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = resolver, AllowOutOfOrderMetadataProperties = true };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <summary>The configuration model's contract: transport kinds by name, derived values left out.</summary>
    public static void Modify(JsonTypeInfo info)
    {
        // Names are part of the stored format: never rename one, add new ones.
        if (info.Type == typeof(TransportSettings))
            info.PolymorphismOptions = Derived((typeof(TcpTransport), "tcp"), (typeof(SerialTransport), "serial"), (typeof(ModbusTcpTransport), "modbus-tcp"));

        SkipDerivedProperties(info);
    }

    /// <summary>Derived values (FailoverOrder, effective timeouts…) are computed, never written.</summary>
    public static void SkipDerivedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties.Where(p => p.Set is null && !IsConstructorParameter(info, p)).ToList())
            info.Properties.Remove(property);
    }

    /// <summary>Polymorphism written with a <c>$kind</c> discriminator naming each derived type.</summary>
    public static JsonPolymorphismOptions Derived(params (Type Type, string Name)[] types)
    {
        var options = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$kind" };
        foreach (var (type, name) in types) options.DerivedTypes.Add(new JsonDerivedType(type, name));
        return options;
    }

    private static bool IsConstructorParameter(JsonTypeInfo info, JsonPropertyInfo property) =>
        info.Type.GetConstructors().Any(c => c.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)));
}
