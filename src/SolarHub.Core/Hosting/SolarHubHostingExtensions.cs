using Akka.Hosting;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Wire;

namespace SolarHub.Core.Hosting;

/// <summary>Marker for the <see cref="BankRegistry"/> in Akka.Hosting's ActorRegistry.</summary>
public sealed class BankRegistryKey;

public static class SolarHubHostingExtensions
{
    /// <summary>
    /// Hosts SolarHub's banks in this actor system: adds the default HOCON (as a fallback, so the host's own
    /// settings win), binds the cross-node messages to the <see cref="WireSerializer"/> and starts a
    /// <see cref="BankRegistry"/> at <c>/user/solarhub-banks</c>, registered as <see cref="BankRegistryKey"/>. Telemetry and events are published on the system's event stream.
    /// </summary>
    /// <param name="followConfigChanges">Also apply every <see cref="HubConfigChanged"/> published on the event stream (by the configuration store) live.</param>
    public static AkkaConfigurationBuilder WithSolarHub(this AkkaConfigurationBuilder builder, HubConfig config,
        Func<TransportSettings, IBusTransport>? transports = null, bool followConfigChanges = false)
    {
        builder.AddHocon(SolarHubConfig.Defaults, HoconAddMode.Append);
        // Banks, adapters and the API may sit on different nodes: their messages travel as SolarHub's own JSON.
        builder.WithCustomSerializer(WireSerializer.Name, WireTypes.All, system => new WireSerializer(system));
        return builder.WithActors((system, registry) =>
        {
            // Start the scheduler once before hundreds of banks start their timers concurrently: seen to stall
            // every pool thread for minutes when 1000 banks were the first to touch it.
            system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, () => { });
            var settings = system.Settings.Config;
            var banks = system.ActorOf(
                BankRegistry.Props(config, id => SolarHubConfig.TimingsFor(settings, id), SolarHubConfig.AdapterSettingsFrom(settings), transports, followConfigChanges),
                "solarhub-banks");
            registry.Register<BankRegistryKey>(banks);
        });
    }
}
