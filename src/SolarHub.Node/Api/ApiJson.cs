using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SolarHub.Node.Api;

/// <summary>
/// The API's JSON on top of ASP.NET's web defaults (camelCase): enums as their names, numbers rounded
/// (<see cref="RoundedNumbers"/>), indented, and the metadata of the first answers generated at build time
/// (<see cref="ApiJsonContext"/>), reflection for the rest.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new RoundedNumbers());
        options.WriteIndented = true;
        options.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        // ASP.NET's options come with reflection in the chain; options of one's own do not.
        if (!options.TypeInfoResolverChain.OfType<DefaultJsonTypeInfoResolver>().Any()) options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
    }
}
