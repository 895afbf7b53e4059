using Akka.Logger.Serilog;
using Serilog;
using SolarHub.ConfigStore;
using SolarHub.Database;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>The configuration store for one <c>solarhub config</c> verb, Akka's warnings on stderr when asked.</summary>
public static class ConfigSession
{
    /// <param name="verbose">Akka's warnings and errors on stderr; otherwise the store's answers say everything that matters.</param>
    public static Task<ConfigStoreSession> StartAsync(ConfigDatabase database, bool verbose, CancellationToken ct)
    {
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? Serilog.Events.LogEventLevel.Warning : Serilog.Events.LogEventLevel.Fatal)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
            .CreateLogger();
        return ConfigStoreSession.StartAsync(database, loggers => loggers.AddLogger<SerilogLogger>(), ct);
    }
}
