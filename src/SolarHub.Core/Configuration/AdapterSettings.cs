namespace SolarHub.Core.Configuration;

/// <summary>HOCON <c>solarhub.adapter</c>: transport-level settings shared by every adapter.</summary>
public sealed record AdapterSettings(TimeSpan ConnectTimeout, int ReadBufferSize)
{
    public static AdapterSettings Default { get; } = SolarHubConfig.AdapterSettingsFrom(SolarHubConfig.Defaults);
}
