using Akka.Event;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Serilog;
using SolarHub.Core.Scheduling;
using SolarHub.Node.Hosting;

namespace SolarHub.Cli.Run;

/// <summary><c>solarhub run</c>'s application: the node library, Serilog on the console, and the live telemetry lines.</summary>
public static class HubHost
{
    /// <param name="hocon">Settings that win over every default (run's --hocon file).</param>
    public static WebApplication Build(SolarHubNodeOptions node, string urls, bool verbose, TextWriter telemetryOut, Akka.Configuration.Config? hocon = null)
    {
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Warning)
            // Serilog replaces the logging filters of AddSolarHubNodeApi: say it again here.
            .MinimumLevel.Override(SolarHubNodeHosting.HealthCheckLogCategory, Serilog.Events.LogEventLevel.Fatal)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();

        // appsettings.json is read once, not watched: reloading it on change watches the working directory (an inotify
        // instance, and a wake-up at every write of the database and the history there) for settings a node never takes
        // from it live.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSerilog();
        builder.Services.AddSolarHubNode(node, akka =>
        {
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = verbose ? LogLevel.InfoLevel : LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
            });
            // Akka's scheduler, woken only when something is due (an idle node's timer wake-ups: docs/benchmarks.md).
            akka.AddHocon(DeadlineScheduler.Hocon, HoconAddMode.Append);
            if (hocon is not null) akka.AddHocon(hocon, HoconAddMode.Prepend);
            akka.WithActors((system, _) => system.ActorOf(TelemetryPrinter.Props(telemetryOut), "telemetry-printer"));
        });

        var app = builder.Build();
        app.MapSolarHubNode();
        return app;
    }
}
