namespace SolarHub.Configuration;

/// <summary>Published when the stored configuration changed (or was first loaded); running banks follow it.</summary>
public sealed record HubConfigChanged(HubConfig Config, long Version);
