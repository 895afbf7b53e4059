using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using SolarHub.Configuration;
using SolarHub.Core.Adapters;

namespace SolarHub.Core.Wire;

/// <summary>The JSON contract of the cross-node messages: the configuration model's (<see cref="ConfigJson"/>) plus the protocol's own types.</summary>
internal static class WireJson
{
    public static JsonSerializerOptions CreateOptions(ExtendedActorSystem system)
    {
        var options = ConfigJson.CreateOptions(ProcessLocalValues);
        // A bank with no fresh pack or no sensor may hold NaN or infinities in its totals; they must travel too.
        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new CellArrayConverter());
        options.Converters.Add(new TemperatureArrayConverter());
        options.Converters.Add(new AsciiFieldConverter());
        options.Converters.Add(new AkkaMessageConverter(system));
        options.Converters.Add(new ActorRefConverter(system));
        return options;
    }

    /// <summary>
    /// <see cref="PackReadingReceived.ReceivedTimestamp"/> is a Stopwatch timestamp: it counts from an arbitrary point of
    /// one process, so on another node it would give a wrong latency. It is not sent and arrives as 0, which the bank
    /// takes for "source time unknown" (<see cref="Telemetry.PackTelemetry.SourceTimestamp"/> is [JsonIgnore] likewise).
    /// </summary>
    private static void ProcessLocalValues(JsonTypeInfo info)
    {
        if (info.Type != typeof(PackReadingReceived)) return;
        foreach (var property in info.Properties)
            if (property.AttributeProvider is PropertyInfo { Name: nameof(PackReadingReceived.ReceivedTimestamp) })
                property.ShouldSerialize = (_, _) => false;
    }
}
