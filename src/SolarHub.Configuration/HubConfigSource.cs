namespace SolarHub.Configuration;

/// <summary>
/// Marker in Akka.Hosting's ActorRegistry for the actor that holds the hub's current configuration (the configuration
/// store). It answers <see cref="GetCurrentHubConfig"/> with a <see cref="HubConfigChanged"/>, so a follower that starts
/// after the configuration was published still gets it.
/// </summary>
public sealed class HubConfigSourceKey;

/// <summary>Asks the <see cref="HubConfigSourceKey"/> actor for the current configuration; the answer is a <see cref="HubConfigChanged"/>.</summary>
public sealed record GetCurrentHubConfig
{
    public static GetCurrentHubConfig Instance { get; } = new();
}
