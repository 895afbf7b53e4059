using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Configuration;
using SolarHub.Configuration;
using SolarHub.Core.Banks;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Simulator;
using SolarHub.Simulator.Transports;

namespace SolarHub.Bench.Faults;

/// <summary>
/// The bank the bank faults are injected into, as <c>bench failover</c> builds it: a hub in this process with one bank of
/// 3 packs, a passive primary (priority 1) and a passive hot-standby secondary (priority 2, unless <see cref="RigOptions.Standby"/> is off), each on a simulated bus of
/// its own with the same options and seed (the same traffic; the simulator's faults belong to a bus, so each side can
/// be faulted alone). Default timings except the failback hold-down. Everything the bank publishes, and every log event
/// that carries an exception, goes to <see cref="Watch"/>. A fresh rig per row: backoff and restart budgets carry no
/// history from the row before.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public const string BankId = "bench-faults";
    public const string Primary = "primary";
    public const string Secondary = "secondary";
    public static readonly byte[] ConfiguredPacks = [1, 2, 3];


    // Warnings reach the event stream (to count those with an exception) but are printed nowhere.
    private static readonly Config CountingLogs = ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          loggers = ["{{typeof(SilentLogger).AssemblyQualifiedName}}"]
        }
        """);

    private readonly RigOptions _options;
    private readonly SimulatorOptions _bus;
    private IPEndPoint? _primaryEndPoint;
    private TcpGatewaySimulator? _secondary;
    private BenchHub? _hub;

    private FaultRig(RigOptions options)
    {
        _options = options;
        _bus = new SimulatorOptions { Packs = options.BusPacks, FirstAddress = 1, Seed = 7 };
    }

    public BankWatch Watch { get; } = new();

    public BankTimings Timings { get; private set; } = BankTimings.Default;

    /// <summary>The primary's gateway; null while it is down (or for a serial primary).</summary>
    public TcpGatewaySimulator? PrimaryGateway { get; private set; }

    public TcpGatewaySimulator SecondaryGateway => _secondary!;

    public FaultProxy? Proxy { get; private set; }

    public PtyPair? Pty { get; private set; }

    public SerialBusSimulator? SerialPrimary { get; private set; }

    /// <summary>The faults of the primary's bus (its gateway's or its serial port's).</summary>
    public FaultController PrimaryFaults =>
        PrimaryGateway?.Faults ?? SerialPrimary?.Faults ?? throw new InvalidOperationException("the primary's bus is down");

    public static async Task<FaultRig> StartAsync(RigOptions options, CancellationToken ct)
    {
        var rig = new FaultRig(options);
        try
        {
            await rig.StartAsync(ct);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(CancellationToken ct)
    {
        _secondary = _options.Standby ? StartGateway(null) : null;
        TransportSettings primaryTransport;
        switch (_options.Primary)
        {
            case PrimaryLink.SerialPty:
                Pty = await PtyPair.StartAsync();
                StartSerialPrimary();
                primaryTransport = new SerialTransport(Pty.B, SerialBusSimulator.DefaultBaudRate);
                break;
            case PrimaryLink.TcpThroughProxy:
                StartPrimaryGateway();
                Proxy = new FaultProxy(_primaryEndPoint!);
                primaryTransport = new TcpTransport("127.0.0.1", Proxy.LocalEndPoint.Port);
                break;
            default:
                StartPrimaryGateway();
                primaryTransport = new TcpTransport("127.0.0.1", _primaryEndPoint!.Port);
                break;
        }
        ct.ThrowIfCancellationRequested();

        Timings = BankTimings.Default with { FailbackHoldDown = _options.FailbackHoldDown };
        List<AdapterConfig> adapters = [new AdapterConfig(Primary, AdapterProtocol.JkPassive, primaryTransport, Priority: 1)];
        if (_secondary is not null)
            adapters.Add(new AdapterConfig(Secondary, AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", _secondary.LocalEndPoint.Port), Priority: 2));
        var bank = new BankConfig(BankId, "Fault bench", [.. ConfiguredPacks.Select(a => new PackConfig(a))], adapters);
        _hub = BenchHub.Start(new HubConfig([bank], []), Timings, CountingLogs);
        _hub.Subscribe("fault-watch", Watch.Record, [.. BankWatch.Subscriptions]);
    }

    /// <summary>Starts the primary's gateway, on the port it had before if it had one (a gateway back after a restart).</summary>
    public void StartPrimaryGateway()
    {
        PrimaryGateway = StartGateway(_primaryEndPoint);
        _primaryEndPoint = PrimaryGateway.LocalEndPoint;
    }

    /// <summary>Stops the primary's gateway: its connections close (with RST when <paramref name="reset"/>), its port refuses.</summary>
    public async Task<int> StopPrimaryGatewayAsync(bool reset)
    {
        var gateway = PrimaryGateway ?? throw new InvalidOperationException("the primary's gateway is already down");
        PrimaryGateway = null;
        int closed = reset ? gateway.Faults.ResetConnections() : gateway.ConnectionCount;
        await gateway.DisposeAsync();
        return closed;
    }

    /// <summary>The serial adapter vanishes: socat killed, both pty links deleted.</summary>
    public async Task RemovePtyAsync()
    {
        var pty = Pty ?? throw new InvalidOperationException("the primary is not on a pty");
        await pty.KillAsync();
        if (SerialPrimary is { } serial)
        {
            SerialPrimary = null;
            await serial.DisposeAsync();
        }
        File.Delete(pty.A);
        File.Delete(pty.B);
    }

    /// <summary>The serial adapter is plugged in again: a new pty pair behind the same links, the bus on it.</summary>
    public async Task RecreatePtyAsync()
    {
        await Pty!.RestartAsync();
        StartSerialPrimary();
    }

    private void StartSerialPrimary()
    {
        var serial = new SerialBusSimulator(Pty!.A, _bus);
        serial.Start();
        SerialPrimary = serial;
    }

    private TcpGatewaySimulator StartGateway(IPEndPoint? endPoint)
    {
        var gateway = new TcpGatewaySimulator(_bus, endPoint);
        try
        {
            gateway.Start();
            return gateway;
        }
        catch (SocketException e)
        {
            throw new BenchException($"cannot start a simulated gateway on {endPoint?.ToString() ?? "127.0.0.1"}: {e.Message}", e);
        }
    }

    public Task<BankSnapshot> SnapshotAsync(CancellationToken ct) => _hub!.SnapshotAsync(BankId, ct);

    /// <summary>
    /// Until the primary is active and both adapters are healthy; with <paramref name="learned"/> also until the primary
    /// knows its bus's rhythm (a connection learns for 10 s), so a silence is noticed from the rhythm as on a bus that ran a while.
    /// </summary>
    public Task WaitForPrimaryAsync(bool learned, CancellationToken ct) => _hub!.WaitUntilActiveAndHealthyAsync(BankId, Primary, learned, ct);

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
        if (PrimaryGateway is not null) await PrimaryGateway.DisposeAsync();
        if (_secondary is not null) await _secondary.DisposeAsync();
        if (SerialPrimary is not null) await SerialPrimary.DisposeAsync();
        if (Pty is not null) await Pty.DisposeAsync();
    }
}
