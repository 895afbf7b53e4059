using System.CommandLine;
using SolarHub.Cli.Run;
using SolarHub.Configuration;
using SolarHub.Configuration.Legacy;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub run</c>: starts the hub; with no configuration, the demo on simulated gateways.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "A config.yaml of the older Python hub (battery_banks / battery_bank). Without it: the demo on simulated gateways." };
        var urls = new Option<string>("--urls") { Description = "Where the HTTP API listens (GET /api/banks, /api/banks/{id}).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var demoFault = new Option<bool>("--demo-fault") { Description = "Demo only: kill the primary gateway after 10 s and bring it back 15 s later, to show failover and failback." };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 00:01:00); default: until Ctrl+C." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every adapter and actor event, not only warnings." };

        var command = new Command("run", "Run the hub: listen to the configured banks, fail over between their adapters, serve the HTTP API. " +
            "In the demo (no --config) press k to kill the primary gateway, r to revive it, q to quit.")
        {
            config, urls, demoFault, duration, verbose,
        };
        command.SetAction((pr, ct) => RunAsync(pr.GetValue(config), pr.GetValue(urls)!, pr.GetValue(demoFault), pr.GetValue(duration), pr.GetValue(verbose), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? configFile, string urls, bool demoFault, TimeSpan? duration, bool verbose, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (duration is { } d) stop.CancelAfter(d);

        await using var demo = configFile is null ? DemoEnvironment.Start() : null;
        HubConfig hub;
        if (demo is not null)
        {
            hub = demo.Config;
            Console.WriteLine($"demo: bank '{DemoEnvironment.BankId}' with 3 simulated packs; {string.Join(", ", hub.Banks[0].Adapters.Select(a => a.Describe()))}");
            Console.WriteLine(Console.IsInputRedirected ? "demo: --demo-fault shows a failover" : "demo: press k to kill the primary gateway, r to revive it, q to quit");
        }
        else
        {
            var read = LegacyConfigReader.ReadFile(configFile!.FullName);
            foreach (var warning in read.Warnings) Console.Error.WriteLine($"warning: {warning}");
            if (!read.IsValid)
            {
                foreach (var error in read.Errors) Console.Error.WriteLine(error);
                Console.Error.WriteLine($"run: {configFile.Name} has {read.Errors.Count} error(s); nothing started");
                return 2;
            }
            hub = read.Config;
            foreach (var section in hub.IgnoredSections) Console.WriteLine($"config: section '{section}' is not handled by SolarHub and was ignored");
        }

        var app = HubHost.Build(hub, urls, verbose, Console.Out);
        try
        {
            await app.StartAsync(stop.Token);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"run: cannot listen on {urls}: {e.Message}");
            return 1;
        }
        Console.WriteLine($"HTTP API on {urls} (GET /api/banks, /api/banks/{{bankId}})");

        var background = new List<Task>();
        if (demo is not null && demoFault) background.Add(DemoFaultScript(demo, stop.Token));
        if (demo is not null && !Console.IsInputRedirected) background.Add(Task.Run(() => DemoKeys(demo, stop), CancellationToken.None));

        try { await Task.Delay(Timeout.Infinite, stop.Token); }
        catch (OperationCanceledException) { }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task DemoFaultScript(DemoEnvironment demo, CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            Console.WriteLine("demo: killing the primary gateway");
            await demo.KillPrimaryAsync();
            await Task.Delay(TimeSpan.FromSeconds(15), ct);
            Console.WriteLine("demo: the primary gateway is back");
            demo.RevivePrimary();
        }
        catch (OperationCanceledException) { }
    }

    private static async Task DemoKeys(DemoEnvironment demo, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (!Console.KeyAvailable) { await Task.Delay(100); continue; }
            switch (char.ToLowerInvariant(Console.ReadKey(intercept: true).KeyChar))
            {
                case 'k': Console.WriteLine("demo: killing the primary gateway"); await demo.KillPrimaryAsync(); break;
                case 'r': Console.WriteLine("demo: the primary gateway is back"); demo.RevivePrimary(); break;
                case 'q': await stop.CancelAsync(); break;
            }
        }
    }
}
