using System.CommandLine;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SolarHub.Cli.Run;
using SolarHub.Cli.Storage;
using SolarHub.Cluster.Hosting;
using SolarHub.ConfigStore;
using SolarHub.ConfigStore.StartCopy;
using SolarHub.Configuration;
using SolarHub.Configuration.Legacy;
using SolarHub.Database;
using SolarHub.Node.Api;
using SolarHub.Node.Hosting;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub run</c>: starts the hub; with no configuration, the demo on simulated gateways.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "Run the banks of a config.yaml of the older Python hub directly (not stored). Without it, the banks stored in the database run." };
        var database = DatabaseOption.Create();
        var demo = new Option<bool>("--demo") { Description = "Run the demo (simulated gateways) even if the database holds banks. The demo also runs when the database holds none." };
        var urls = new Option<string>("--urls") { Description = "Where the HTTP API listens (docs/api.md).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var demoFault = new Option<bool>("--demo-fault") { Description = "Demo only: kill the primary gateway after 10 s and bring it back 15 s later, to show failover and failback." };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop this long after the HTTP API is up (e.g. 00:01:00); default: until Ctrl+C." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every adapter and actor event, not only warnings." };
        var cluster = new Option<bool?>("--cluster") { Description = "Join a cluster of nodes sharing the --database (docs/cluster.md); else SOLARHUB_CLUSTER=1 or HOCON solarhub.cluster.enabled." };
        var node = new Option<string?>("--node") { Description = "Cluster: this node's name, which adapters name to be opened here (else SOLARHUB_NODE, solarhub.cluster.node)." };
        var remoting = new Option<string?>("--remoting") { Description = $"Cluster: host:port this node listens on for the others (else SOLARHUB_REMOTING, solarhub.cluster.remoting; default {ClusterArguments.DefaultRemoting}, loopback only)." };
        var seeds = new Option<string?>("--seeds") { Description = "Cluster: host:port[,host:port...] of the nodes to join through (else SOLARHUB_SEEDS, solarhub.cluster.seeds; default this node's --remoting)." };
        var certificate = new Option<string?>("--remoting-certificate") { Description = "Cluster: remoting over TLS with this PKCS#12 file (.pfx: certificate and private key), the same on every node unless --remoting-trust system (else SOLARHUB_REMOTING_CERTIFICATE, solarhub.cluster.tls.certificate; docs/cluster.md). Without it remoting is plaintext." };
        var certificatePassword = new Option<string?>("--remoting-certificate-password-file") { Description = "Cluster: file whose first line is the .pfx's password (else SOLARHUB_REMOTING_CERTIFICATE_PASSWORD_FILE, solarhub.cluster.tls.password-file)." };
        var trust = new Option<string?>("--remoting-trust") { Description = "Cluster TLS: 'shared' (default): peers must present this node's own certificate; 'system': peers' certificates must chain to the system's trust store (else SOLARHUB_REMOTING_TRUST, solarhub.cluster.tls.trust)." };
        var hocon = new Option<FileInfo?>("--hocon") { Description = "A HOCON file whose settings win over the defaults (timings, solarhub.cluster...; hocon/README.md)." };
        var apiTokenFile = new Option<FileInfo?>("--api-token-file") { Description = "File holding the bearer token that unlocks the API's state-changing endpoints (else SOLARHUB_API_TOKEN or HOCON solarhub.api.token; with none they are off)." };

        var command = new Command("run", "Run the hub: listen to the configured banks, fail over between their adapters, serve the HTTP API. " +
            "Banks come from the database (changes made with 'solarhub config' apply live) or from --config; with none stored, the demo runs: " +
            "press k to kill the primary gateway, r to revive it, q to quit.")
        {
            config, database, demo, urls, demoFault, duration, verbose, apiTokenFile, cluster, node, remoting, seeds, certificate, certificatePassword, trust, hocon,
        };
        command.SetAction((pr, ct) => RunAsync(new RunOptions(pr.GetValue(config), pr.GetValue(database), pr.GetValue(demo), pr.GetValue(urls)!,
            pr.GetValue(demoFault), pr.GetValue(duration), pr.GetValue(verbose), pr.GetValue(apiTokenFile),
            new ClusterArguments(pr.GetValue(cluster), pr.GetValue(node), pr.GetValue(remoting), pr.GetValue(seeds),
                pr.GetValue(certificate), pr.GetValue(certificatePassword), pr.GetValue(trust)), pr.GetValue(hocon)), ct));
        return command;
    }

    private sealed record RunOptions(FileInfo? ConfigFile, string? Database, bool ForceDemo, string Urls, bool DemoFault, TimeSpan? Duration, bool Verbose,
        FileInfo? ApiTokenFile, ClusterArguments Cluster, FileInfo? HoconFile);

    private static async Task<int> RunAsync(RunOptions o, CancellationToken ct)
    {
        string? apiToken = null;
        if (o.ApiTokenFile is not null)
        {
            if (!o.ApiTokenFile.Exists || (apiToken = File.ReadAllText(o.ApiTokenFile.FullName).Trim()).Length == 0)
            {
                Console.Error.WriteLine($"run: --api-token-file {o.ApiTokenFile.FullName}: {(o.ApiTokenFile.Exists ? "the file is empty" : "no such file")}");
                return 2;
            }
        }

        Config? hoconSettings = null;
        if (o.HoconFile is not null)
        {
            try { hoconSettings = ConfigurationFactory.ParseString(File.ReadAllText(o.HoconFile.FullName)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigurationException or FormatException)
            {
                Console.Error.WriteLine($"run: --hocon {o.HoconFile.FullName}: {e.Message}");
                return 2;
            }
        }
        var clustering = o.Cluster.Resolve(hoconSettings, Environment.GetEnvironmentVariable, out var clusterError);
        if (clusterError is not null)
        {
            Console.Error.WriteLine($"run: {clusterError}");
            return 2;
        }
        if (clustering is not null && o.ConfigFile is not null)
        {
            Console.Error.WriteLine("run: --cluster runs the banks stored in the database the nodes share (--database postgresql://...), not a --config file");
            return 2;
        }

        // --duration counts from when the API is up: a start slower than the duration (a busy machine) still serves.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        HubConfig hub = HubConfig.Empty;
        ConfigDatabase? database = null;
        if (o.ConfigFile is not null)
        {
            var read = LegacyConfigReader.ReadFile(o.ConfigFile.FullName);
            foreach (var warning in read.Warnings) Console.Error.WriteLine($"warning: {warning}");
            if (!read.IsValid)
            {
                foreach (var error in read.Errors) Console.Error.WriteLine(error);
                Console.Error.WriteLine($"run: {o.ConfigFile.Name} has {read.Errors.Count} error(s); nothing started");
                return 2;
            }
            hub = read.Config;
            foreach (var section in hub.IgnoredSections) Console.WriteLine($"config: section '{section}' is not handled by SolarHub and was ignored");
        }
        else if (!DatabaseOption.TryParse(o.Database, out database, out var dbError, out int exitCode))
        {
            Console.Error.WriteLine($"run: {dbError}");
            return exitCode;
        }

        bool waitingForDatabase = false;
        if (database is not null)
        {
            // One line, not the persistence plugin's stack traces: a database that is wrong stops the run; one that is
            // not there yet (PostgreSQL starting after the hub at boot) is waited for while the HTTP API answers.
            DatabaseAnswer answer;
            // Npgsql does not give up a connection's start-up on cancellation (it waits out its 5 s timeout): a Ctrl+C
            // meanwhile leaves that attempt behind and stops at once, as asked, rather than saying it waits for the database.
            try { answer = await DatabaseProbe.CheckAsync(database, stop.Token).WaitAsync(stop.Token); }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return 0;
            }
            if (!answer.IsReachable && !answer.MayComeUp)
            {
                Console.Error.WriteLine($"run: {answer.Problem}");
                return 1;
            }
            waitingForDatabase = !answer.IsReachable;
            if (waitingForDatabase)
                Console.Error.WriteLine($"run: {answer.Problem}; waiting for it, trying again quietly: the banks start when it answers (GET /health/ready says 503 until then)");
        }

        // The banks start with the configuration this node last applied, when the database has not changed since, rather
        // than after the store's recovery; the store rests on it until the configuration changes (docs/running.md, "Start-up").
        ConfigStartCopy? startCopy = null;
        if (database is not null && !waitingForDatabase && clustering is null && !o.ForceDemo)
        {
            ConfigStartCopy? copy;
            try { copy = await ConfigStartCopy.ReadCurrentAsync(database, stop.Token); }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return 0;
            }
            if (copy is not null && copy.Config.Banks.Any(b => b.Id != DemoEnvironment.BankId))
            {
                hub = copy.Config;
                startCopy = copy;
                Console.WriteLine($"config: starting the banks of version {copy.Version} (its copy beside the database)");
            }
        }

        var node = new SolarHubNodeOptions { Config = hub, StartCopy = startCopy, Database = database, Api = new ApiOptions { Token = apiToken }, Cluster = clustering };
        var app = HubHost.Build(node, o.Urls, o.Verbose, Console.Out, hoconSettings);
        try
        {
            await app.StartAsync(stop.Token);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"run: cannot listen on {o.Urls}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0; // Ctrl+C while starting
        }

        string apiLine = $"HTTP API on {o.Urls} (GET /health, /api/banks, /api/banks/{{bankId}}, /api/actors, /api/events, /metrics; see docs/api.md)";
        string dashboardLine = $"dashboard: {DashboardAddress(app.Urls, o.Urls)} (docs/dashboard.md)";
        if (waitingForDatabase)
        {
            Console.WriteLine(apiLine);
            Console.WriteLine(dashboardLine);
            if (o.Duration is { } d) stop.CancelAfter(d);
        }
        DemoEnvironment? started;
        try
        {
            // A cluster's nodes would each start the demo's gateways: there it runs only when asked for.
            started = database is null || (clustering is not null && !o.ForceDemo) ? null : await StartDemoIfWanted(app, database, o.ForceDemo, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await app.StopAsync(CancellationToken.None);
            return 0;
        }
        await using var demo = started;
        if (database is not null && demo is null)
            Console.WriteLine($"config: running the banks stored in {database.Description}");
        if (clustering is not null)
        {
            Console.WriteLine($"cluster: node '{clustering.Node}' on {clustering.Remoting}, joining through {string.Join(", ", clustering.Seeds)} (GET /api/cluster; docs/cluster.md)");
            Console.WriteLine(clustering.Tls is { } tls
                ? $"cluster: remoting over TLS with certificate {tls.Certificate.Subject} (SHA-256 {tls.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}), peers checked: {RemotingTls.Name(tls.Trust)}"
                : "cluster: remoting is plaintext (no --remoting-certificate): keep it on a trusted network");
        }
        if (!waitingForDatabase)
        {
            Console.WriteLine(apiLine);
            Console.WriteLine(dashboardLine);
            if (o.Duration is { } d) stop.CancelAfter(d);
        }

        var background = new List<Task>();
        if (demo is not null && o.DemoFault) background.Add(DemoFaultScript(demo, stop.Token));
        if (demo is not null && !Console.IsInputRedirected) background.Add(Task.Run(() => DemoKeys(demo, stop), CancellationToken.None));

        // The actor system also ends by itself when this node leaves the cluster (solarhub cluster leave) or the cluster
        // removed it (downed after it was unreachable): exit 1 then, so that a service manager starts it again and it
        // rejoins; SIGTERM (systemctl stop) is the way to keep a node out, and exits 0. A refused TLS certificate exits 78.
        var system = app.Services.GetRequiredService<ActorSystem>();
        try { await Task.WhenAny(Task.Delay(Timeout.Infinite, stop.Token), system.WhenTerminated); }
        catch (OperationCanceledException) { }
        bool removed = system.WhenTerminated.IsCompleted && !stop.IsCancellationRequested;
        await app.StopAsync(CancellationToken.None);
        if (!removed) return 0;
        var (stopCode, message) = UnexpectedStop.Explain(CoordinatedShutdown.Get(system).ShutdownReason, clustering?.Node);
        Console.Error.WriteLine(message);
        return stopCode;
    }

    /// <summary>The demo runs when asked, or when the database holds no bank but the demo's; its configuration is stored like any other.</summary>
    /// <summary>Where a browser opens the dashboard: the address the server listens on (its real port when --urls said :0).</summary>
    private static string DashboardAddress(ICollection<string> listening, string requested)
    {
        var urls = listening.Count > 0 ? listening : requested.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(", ", urls.Select(url => url.TrimEnd('/') + "/"));
    }

    private static async Task<DemoEnvironment?> StartDemoIfWanted(WebApplication app, ConfigDatabase database, bool force, CancellationToken ct)
    {
        var store = app.Services.GetRequiredService<IRequiredActor<ConfigStoreKey>>().ActorRef;
        var stored = await WaitForStore(store, ct);
        if (!force && stored.Config.Banks.Any(b => b.Id != DemoEnvironment.BankId)) return null;

        var demo = DemoEnvironment.Start();
        // The demo keeps a stored MQTT output: it then shows in Home Assistant too.
        var answer = await ConfigStoreClient.ReplaceAsync(store, demo.Config with { Mqtt = stored.Config.Mqtt }, "demo", ct);
        if (answer is not ChangesAccepted)
            Console.Error.WriteLine($"demo: could not store the demo configuration in {database.Description}: {answer}");
        Console.WriteLine($"demo: bank '{DemoEnvironment.BankId}' with 3 simulated packs, stored in {database.Description}; " +
            string.Join(", ", demo.Config.Banks[0].Adapters.Select(a => a.Describe())));
        Console.WriteLine(Console.IsInputRedirected ? "demo: --demo-fault shows a failover" : "demo: press k to kill the primary gateway, r to revive it, q to quit");
        return demo;
    }

    /// <summary>The stored configuration, once the database answers (the store says why it does not, once, in the log).</summary>
    private static async Task<StoredConfig> WaitForStore(IActorRef store, CancellationToken ct)
    {
        while (true)
        {
            try { return await ConfigStoreClient.GetAsync(store, ct); }
            catch (Exception e) when (e is ConfigStoreUnavailableException or AskTimeoutException) { await Task.Delay(TimeSpan.FromSeconds(1), ct); }
        }
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
