using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SolarHub.Protocol.Jk;
using SolarHub.Simulator;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub simulate</c>: a JK RS485 bus with N packs, served over TCP (like an RS485 gateway) and/or a serial device.</summary>
public static class SimulateCommand
{
    public const string DefaultTcp = "127.0.0.1:8899";

    public static Command Create()
    {
        var tcp = new Option<string?>("--tcp")
        {
            Description = $"Serve the bus as an RS485-to-TCP gateway on HOST:PORT (port 0 = any free port). Default {DefaultTcp} unless --serial or --modbus-tcp is given.",
            HelpName = "host:port",
        };
        var modbusTcp = new Option<string?>("--modbus-tcp")
        {
            Description = "Serve the bus as a converter in 'Modbus TCP to RTU' mode on HOST:PORT: it answers Modbus TCP polls (unit id = pack address) " +
                "and forwards nothing else. Needs --no-master.",
            HelpName = "host:port",
        };
        var serial = new Option<string?>("--serial")
        {
            Description = "Write the bus to this serial device, e.g. one end of `socat -d -d pty,raw,echo=0,link=/tmp/a pty,raw,echo=0,link=/tmp/b`.",
            HelpName = "device",
        };
        var baud = new Option<int>("--baud") { Description = "Serial baud rate (8N1).", DefaultValueFactory = _ => SerialBusSimulator.DefaultBaudRate };
        var packs = new Option<int>("--packs") { Description = "Number of slave packs on the bus (1..32).", DefaultValueFactory = _ => 3 };
        var firstAddress = new Option<int>("--first-address") { Description = "Address of the first pack; the others follow (JK DIP switches: 1..15).", DefaultValueFactory = _ => 1 };
        var cells = new Option<int>("--cells") { Description = "Series cells per pack.", DefaultValueFactory = _ => 16 };
        var layout = new Option<string>("--layout") { Description = "Frame layout the packs send.", DefaultValueFactory = _ => nameof(JkLayout.JK02_32S) };
        layout.AcceptOnlyFromAmong(nameof(JkLayout.JK02_32S), nameof(JkLayout.JK02_24S));
        var noMaster = new Option<bool>("--no-master")
        {
            Description = "Active mode: no JK master on the bus; stay silent until a poll arrives (over TCP or on the serial device), then answer as the addressed pack.",
        };
        var interval = new Option<int>("--poll-interval-ms") { Description = "Master: milliseconds between polls; 0 = no pacing (as fast as listeners read).", DefaultValueFactory = _ => 130 };
        var jitter = new Option<int>("--jitter-ms") { Description = "Master: ± random jitter on each pause, ms.", DefaultValueFactory = _ => 15 };
        var slowEvery = new Option<int>("--slow-poll-every") { Description = "Master: poll settings and device info on start and every N cycles (0 = only on start).", DefaultValueFactory = _ => 20 };
        var slowPause = new Option<int>("--slow-poll-pause-ms") { Description = "Master: pause this long before each cycle of settings and device-info polls, ms.", DefaultValueFactory = _ => 0 };
        var answerDelay = new Option<int>("--answer-delay-ms") { Description = "Active mode: how long a pack takes to answer a poll, ms.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the pack values: the same seed gives the same values.", DefaultValueFactory = _ => 1 };
        var fault = new Option<string[]>("--fault")
        {
            Description = "Apply a fault, repeatable: " + ScheduledFault.Syntax,
            HelpName = "spec",
            Arity = ArgumentArity.ZeroOrMore,
        };

        tcp.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !TryParseEndPoint(text, out _, out _))
                result.AddError($"--tcp: '{text}' is not HOST:PORT (e.g. {DefaultTcp}).");
        });
        modbusTcp.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !TryParseEndPoint(text, out _, out _))
                result.AddError($"--modbus-tcp: '{text}' is not HOST:PORT (e.g. 127.0.0.1:502).");
        });
        fault.Validators.Add(result =>
        {
            foreach (var text in result.GetValueOrDefault<string[]>() ?? [])
                if (!ScheduledFault.TryParse(text, out _, out var error)) result.AddError($"--fault: {error}");
        });

        var command = new Command("simulate",
            "Simulate a JK BMS RS485 bus: a JK master polling N packs (300-byte frames, acknowledgements, realistic drifting values), " +
            "served like an RS485-to-TCP gateway and/or on a serial device, with faults on command. Runs until Ctrl+C.");
        foreach (var option in new Option[] { tcp, modbusTcp, serial, baud, packs, firstAddress, cells, layout, noMaster, interval, jitter, slowEvery, slowPause, answerDelay, seed, fault })
            command.Options.Add(option);

        command.SetAction(async (ParseResult pr, CancellationToken invocationToken) =>
        {
            // The first Ctrl+C / SIGTERM stops the simulator cleanly (connections closed, summary printed) even when
            // the invocation is not configured to turn signals into a cancelled token; a second one kills the process.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(invocationToken);
            void OnSignal(PosixSignalContext context)
            {
                if (stop.IsCancellationRequested) return;
                context.Cancel = true;
                stop.Cancel();
            }
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            var ct = stop.Token;

            var output = pr.InvocationConfiguration.Output;
            var error = pr.InvocationConfiguration.Error;
            SimulatorOptions options;
            try
            {
                options = new SimulatorOptions
                {
                    Packs = pr.GetValue(packs),
                    FirstAddress = checked((byte)pr.GetValue(firstAddress)),
                    CellsPerPack = pr.GetValue(cells),
                    Layout = Enum.Parse<JkLayout>(pr.GetValue(layout) ?? nameof(JkLayout.JK02_32S)),
                    Master = !pr.GetValue(noMaster),
                    PollInterval = TimeSpan.FromMilliseconds(pr.GetValue(interval)),
                    PollJitter = TimeSpan.FromMilliseconds(pr.GetValue(jitter)),
                    SlowPollEvery = pr.GetValue(slowEvery),
                    SlowPollPause = TimeSpan.FromMilliseconds(pr.GetValue(slowPause)),
                    AnswerDelay = TimeSpan.FromMilliseconds(pr.GetValue(answerDelay)),
                    Seed = pr.GetValue(seed),
                };
                options.Validate();
            }
            catch (Exception e) when (e is ArgumentException or OverflowException)
            {
                await error.WriteLineAsync($"simulate: {e.Message}");
                return 2;
            }

            var schedule = (pr.GetValue(fault) ?? []).Select(ScheduledFault.Parse).ToArray();
            string? serialPath = pr.GetValue(serial);
            string? modbusText = pr.GetValue(modbusTcp);
            string? tcpText = pr.GetValue(tcp) ?? (serialPath is null && modbusText is null ? DefaultTcp : null);
            if (modbusText is not null && options.Master)
            {
                // Two masters on one bus collide; and such a converter forwards nothing of a master's traffic anyway.
                await error.WriteLineAsync("simulate: --modbus-tcp needs --no-master: a Modbus TCP gateway polls the packs itself, a JK master on the bus would collide with it");
                return 2;
            }
            var clock = Stopwatch.StartNew();

            await using var bus = new SimulatedBus(options);
            // Wall-clock time and time since start: to line faults up with the hub's logs and with the --fault schedule.
            bus.Faults.Applied += line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} (+{clock.Elapsed.TotalSeconds:0.000}s) fault: {line}");

            TcpGatewaySimulator? gateway = null;
            ModbusTcpGatewaySimulator? modbusGateway = null;
            SerialBusSimulator? port = null;
            try
            {
                if (tcpText is not null)
                {
                    TryParseEndPoint(tcpText, out var endPoint, out string? host);
                    endPoint ??= new IPEndPoint((await Dns.GetHostAddressesAsync(host!, ct))[0], PortOf(tcpText));
                    gateway = new TcpGatewaySimulator(bus, endPoint);
                    gateway.Start();
                    await output.WriteLineAsync($"listening on tcp://{gateway.LocalEndPoint} (RS485-to-TCP gateway)");
                }
                if (modbusText is not null)
                {
                    TryParseEndPoint(modbusText, out var endPoint, out string? host);
                    endPoint ??= new IPEndPoint((await Dns.GetHostAddressesAsync(host!, ct))[0], PortOf(modbusText));
                    modbusGateway = new ModbusTcpGatewaySimulator(bus, endPoint);
                    modbusGateway.Start();
                    await output.WriteLineAsync($"listening on tcp+modbus://{modbusGateway.LocalEndPoint} (Modbus TCP to RTU gateway)");
                }
                if (serialPath is not null)
                {
                    port = new SerialBusSimulator(bus, serialPath, pr.GetValue(baud));
                    port.Start();
                    await output.WriteLineAsync($"writing the bus to {serialPath} at {port.BaudRate} baud");
                }

                int last = options.FirstAddress + options.Packs - 1;
                await output.WriteLineAsync(
                    $"{options.Packs} pack(s) at address {options.FirstAddress}{(last > options.FirstAddress ? $"..{last}" : "")}, {options.CellsPerPack} cells, {options.Layout}, seed {options.Seed}; " +
                    (options.Master
                        ? options.Pacing ? $"master polling every {options.PollInterval.TotalMilliseconds:0} ms ± {options.EffectiveJitter.TotalMilliseconds:0} ms" : "master polling without pacing"
                        : "active mode: answering polls"));
                await output.WriteLineAsync("Ctrl+C to stop.");

                clock.Restart(); // --fault times count from here
                bus.Start();
                using var stopFaults = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var faults = FaultScheduler.RunAsync(schedule, bus.Faults, stopFaults.Token);
                var failed = port?.Completion ?? Task.Delay(Timeout.Infinite, ct);
                try
                {
                    await Task.WhenAny(Task.Delay(Timeout.Infinite, ct), failed, bus.Completion);
                }
                finally
                {
                    // Also when the serial device failed: the schedule must not outlive the run.
                    await stopFaults.CancelAsync();
                    await faults;
                }
                if (port is { Completion.IsFaulted: true })
                {
                    await error.WriteLineAsync($"simulate: {port.Completion.Exception?.InnerException?.Message}");
                    return 1;
                }
                if (bus.Completion.IsFaulted)
                {
                    await error.WriteLineAsync($"simulate: {bus.Completion.Exception?.GetBaseException().Message}");
                    return 1;
                }
                await output.WriteLineAsync(Summary(bus.Statistics));
                return 0;
            }
            catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"simulate: {e.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
            finally
            {
                if (port is not null) await port.DisposeAsync();
                if (gateway is not null) await gateway.DisposeAsync();
                if (modbusGateway is not null) await modbusGateway.DisposeAsync();
            }
        });
        return command;
    }

    private static string Summary(SimulatorStatistics s) =>
        $"stopped: {s.Polls} polls, {s.DataFrames} frames, {s.UnansweredPolls} unanswered, {s.BusBytes} bytes on the bus";

    /// <summary>Accepts <c>PORT</c>, <c>IP:PORT</c>, <c>[IPv6]:PORT</c>, or <c>HOST:PORT</c> (then <paramref name="endPoint"/> is null and the host must be resolved).</summary>
    private static bool TryParseEndPoint(string text, out IPEndPoint? endPoint, out string? host)
    {
        endPoint = null;
        host = null;
        text = text.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int bare))
        {
            if (bare > IPEndPoint.MaxPort) return false;
            endPoint = new IPEndPoint(IPAddress.Loopback, bare);
            return true;
        }
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || PortOf(text) < 0) return false;
        if (IPEndPoint.TryParse(text, out endPoint)) return true;
        host = text[..colon];
        return Uri.CheckHostName(host) == UriHostNameType.Dns;
    }

    private static int PortOf(string text)
    {
        int colon = text.LastIndexOf(':');
        return colon >= 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= IPEndPoint.MaxPort
            ? port : -1;
    }
}
