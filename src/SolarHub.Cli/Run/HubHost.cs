using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Serialization;
using Akka.Event;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Serilog;
using SolarHub.Cli.Api;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.History.Hosting;
using SolarHub.Mqtt.Hosting;
using SolarHub.Database;

namespace SolarHub.Cli.Run;

/// <summary>The running node: Akka.NET (hosted) with the banks, Serilog console logging, and the HTTP API.</summary>
public static class HubHost
{
    /// <param name="database">When given, the banks follow the configuration stored there (changes apply live); otherwise they run <paramref name="config"/>.</param>
    /// <param name="api">HTTP API settings (token, event stream); the database is taken from <paramref name="database"/>.</param>
    public static WebApplication Build(HubConfig config, ConfigDatabase? database, string urls, bool verbose, TextWriter telemetryOut, ApiOptions? api = null)
    {
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Warning)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSerilog();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.WriteIndented = true;
        });
        builder.Services.AddSolarHubApi((api ?? new ApiOptions()) with { Database = database });
        builder.Services.AddAkka("solarhub", akka =>
        {
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = verbose ? LogLevel.InfoLevel : LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
            });
            if (database is not null) akka.WithSolarHubConfigStore(database, followJournal: true);
            akka.WithSolarHub(config, followConfigChanges: database is not null);
            if (database is not null) akka.WithSolarHubHistory(database);
            akka.WithSolarHubMqtt(config, followConfigChanges: database is not null);
            akka.WithActors((system, _) => system.ActorOf(TelemetryPrinter.Props(telemetryOut), "telemetry-printer"));
        });

        var app = builder.Build();
        app.MapSolarHubApi();
        app.MapHistoryEndpoints();
        return app;
    }
}
