using Akka.Actor;
using Akka.Hosting;
using SolarHub.Core.Configuration;
using SolarHub.Database;
using SolarHub.History.Energy;
using SolarHub.History.Recording;
using SolarHub.History.Storage;

namespace SolarHub.History.Hosting;

/// <summary>Marker for the <see cref="HistoryWriter"/> in Akka.Hosting's ActorRegistry (status, queries, flush).</summary>
public sealed class HistoryKey;

/// <summary>Marker for the <see cref="EnergyMeter"/> in Akka.Hosting's ActorRegistry (counters, reports).</summary>
public sealed class EnergyMeterKey;

public static class HistoryHosting
{
    /// <summary>
    /// Records telemetry history in <paramref name="database"/> (the configuration's database; tables created on first
    /// use), as HOCON <c>solarhub.history</c> says: a <see cref="HistorySampler"/> on the event stream feeding a
    /// <see cref="HistoryWriter"/> at <c>/user/solarhub-history</c>, registered as <see cref="HistoryKey"/>; and the
    /// energy counters: an <see cref="EnergyMeter"/> at <c>/user/solarhub-energy</c>, registered as <see cref="EnergyMeterKey"/>. With
    /// <c>enabled = off</c> nothing starts and nothing is registered. A bad HOCON value fails start-up, naming the key.
    /// On shutdown the writer gets a last chance (up to 5 s) to write what it buffered.
    /// </summary>
    public static AkkaConfigurationBuilder WithSolarHubHistory(this AkkaConfigurationBuilder builder, ConfigDatabase database)
    {
        builder.AddHocon(HistoryOptions.Defaults, HoconAddMode.Append);
        return builder.WithActors((system, registry) =>
        {
            var options = HistoryOptions.FromConfig(system.Settings.Config);
            if (!options.Enabled) return;
            var writer = system.ActorOf(HistoryWriter.Props(SqlHistoryStore.For(database), options), "solarhub-history");
            system.ActorOf(HistorySampler.Props(writer, options.SampleInterval), "solarhub-history-sampler");
            registry.Register<HistoryKey>(writer);
            var energy = EnergyOptions.FromConfig(system.Settings.Config);
            var meter = system.ActorOf(EnergyMeter.Props(SqlEnergyStore.For(database), energy.MaxGap, energy.FlushInterval), "solarhub-energy");
            registry.Register<EnergyMeterKey>(meter);
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "solarhub-history-flush", async () =>
            {
                try { await writer.Ask<HistoryFlushed>(FlushHistory.Instance, TimeSpan.FromSeconds(5)); }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException) { }
                try { await meter.Ask<EnergyWritten>(WriteEnergy.Instance, TimeSpan.FromSeconds(5)); }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException) { }
                return Akka.Done.Instance;
            });
        });
    }
}
