// A "larger application" with its own Akka.NET actor system that hosts SolarHub's banks (docs/embedding.md):
//   dotnet run --project samples/SolarHub.EmbeddingSample -- --duration 00:00:30 --silence-primary-after 00:00:10
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SolarHub.Core.Hosting;
using SolarHub.EmbeddingSample;

if (!SampleOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine($"embedding sample: {error}");
    return 2;
}

await using var plant = new SimulatedPlant();

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddAkka("plant", akka =>
{
    // The application's own HOCON wins over SolarHub's defaults, which WithSolarHub adds as a fallback.
    // Akka's log goes through the application's ILoggerFactory like everything else it logs.
    akka.ConfigureLoggers(loggers =>
    {
        loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
        loggers.ClearLoggers();
        loggers.AddLoggerFactory();
    });
    akka.AddHocon("""
        solarhub.bank.telemetry-interval = 2s
        solarhub.banks."plant-bank" { data-deadline = 3s }
        """, HoconAddMode.Prepend);
    akka.WithSolarHub(plant.Config);
    akka.WithActors((system, _) => system.ActorOf(PlantDashboard.Props(Console.Out), "plant-dashboard"));
});
// Hosted services start in the order they were added: added after AddAkka, the reporter starts once the actor system
// and SolarHub's registry entries exist, so its IRequiredActor.GetAsync finds the registry at once rather than racing
// the registration (a wait that begins while the entry is being added can miss it).
builder.Services.AddHostedService<SnapshotReporter>();

using var host = builder.Build();
using var stop = new CancellationTokenSource();
if (options.Duration is { } duration) stop.CancelAfter(duration);
if (options.SilencePrimaryAfter is { } after)
    _ = Task.Delay(after, stop.Token).ContinueWith(t =>
    {
        if (t.IsCanceled) return;
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] sample: the primary gateway goes silent");
        plant.SilencePrimary();
    }, TaskScheduler.Default);

Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] sample: hosting bank '{SimulatedPlant.BankId}' in actor system 'plant'" +
    (options.Duration is { } d ? $" for {d}" : "; Ctrl+C to stop"));
await host.RunAsync(stop.Token);
return 0;
