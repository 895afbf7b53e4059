using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SolarHub.ConfigStore.StartCopy;
using SolarHub.Database;

namespace SolarHub.ConfigStore;

/// <summary>
/// A minimal node for one client of the stored configuration (a <c>solarhub config</c> verb, a benchmark): an actor
/// system with the configuration store on the database and nothing else (no banks, no HTTP). Start, send one command, dispose.
/// </summary>
public sealed class ConfigStoreSession : IAsyncDisposable
{
    private readonly IHost _host;

    private ConfigStoreSession(IHost host, ConfigDatabase database)
    {
        _host = host;
        Database = database;
        System = host.Services.GetRequiredService<ActorSystem>();
        Store = host.Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef;
    }

    public ConfigDatabase Database { get; }
    public ActorSystem System { get; }
    public IActorRef Store { get; }

    /// <param name="logging">Where Akka's warnings and errors go (e.g. a Serilog logger); null: nowhere, the store's answers say everything that matters.</param>
    public static async Task<ConfigStoreSession> StartAsync(ConfigDatabase database, Action<LoggerConfigBuilder>? logging, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("solarhub-config", akka =>
        {
            akka.AddHocon("akka.stdout-loglevel = OFF\nakka.log-dead-letters = off\nakka.log-config-on-start = off", HoconAddMode.Prepend);
            if (logging is null) akka.AddHocon("akka.loglevel = OFF", HoconAddMode.Prepend);
            else akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                loggers.ClearLoggers();
                logging(loggers);
            });
            akka.WithSolarHubConfigStore(database, followJournal: false);
        });
        var host = builder.Build();
        await host.StartAsync(ct);
        return new ConfigStoreSession(host, database);
    }

    /// <summary>
    /// After a change this process stored itself: writes the database's start copy (<see cref="ConfigStartCopy"/>), so
    /// that the next node on it starts its banks at once instead of waiting for the store. Null when written or not
    /// wanted (PostgreSQL, nothing stored), else why not; the change itself is stored either way.
    /// </summary>
    /// <remarks>Not cancellable: the change is already stored, and a Ctrl+C now must not hide the verb's report of it.</remarks>
    public async Task<string?> KeepStartCopyAsync(object answer)
    {
        if (answer is not ChangesAccepted { Stored: true } accepted || ConfigStartCopy.PathFor(Database) is not { } path) return null;
        try
        {
            var copy = await ConfigStartCopy.OfStoredAsync(Database, accepted.Version, accepted.Config, CancellationToken.None);
            await copy.WriteAsync(path, CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or global::System.Data.Common.DbException)
        {
            return $"cannot keep the configuration's start copy {path}: {e.Message} (the next node start waits for the store)";
        }
    }

    /// <summary>Opens the database once, so an unreachable server is reported at once, with the driver's reason.</summary>
    /// <returns>Null when it can be opened, else why not.</returns>
    public static async Task<string?> CheckReachableAsync(ConfigDatabase database, CancellationToken ct) =>
        (await DatabaseProbe.CheckAsync(database, ct)).Problem;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
