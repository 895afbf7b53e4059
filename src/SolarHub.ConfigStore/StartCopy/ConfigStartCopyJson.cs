using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SolarHub.Configuration;

namespace SolarHub.ConfigStore.StartCopy;

/// <summary>
/// The copy's JSON: the configuration model's contract (<see cref="ConfigJson.Modify"/>) over metadata generated at
/// build time, so reading it at start compiles no serializer code (the reflection-based one costs a tenth of a second of
/// JIT on a start that the copy is there to shorten).
/// </summary>
// A null where the model has none, or a missing constructor argument, is a broken copy (JsonException), not a null to trip on later.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ConfigStartCopy))]
[JsonSerializable(typeof(TcpTransport))]
[JsonSerializable(typeof(ModbusTcpTransport))]
[JsonSerializable(typeof(SerialTransport))]
internal sealed partial class ConfigStartCopyJson : JsonSerializerContext
{
    // Made at first use: a static initializer here would run before the generated part's, whose Default is then still null.
    private static JsonSerializerOptions? s_contract;

    public static JsonSerializerOptions Contract => s_contract ??= CreateContract();

    private static JsonSerializerOptions CreateContract()
    {
        var generated = Default;
        return new JsonSerializerOptions(generated.Options) { TypeInfoResolver = generated.WithAddedModifier(ConfigJson.Modify) };
    }
}
