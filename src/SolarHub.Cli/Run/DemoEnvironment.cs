using System.Net;
using SolarHub.Configuration;
using SolarHub.Simulator;

namespace SolarHub.Cli.Run;

/// <summary>
/// What <c>solarhub run</c> starts with no configuration and no hardware: one bank of 3 simulated packs behind two
/// simulated gateways on loopback: the primary passive (a JK master polls the packs), the secondary active (the hub polls).
/// </summary>
public sealed class DemoEnvironment : IAsyncDisposable
{
    public const string BankId = "demo-bank";
    private static readonly SimulatorOptions PrimaryBus = new() { Packs = 3, FirstAddress = 1, Seed = 7 };
    private static readonly SimulatorOptions SecondaryBus = PrimaryBus with { Master = false };

    private TcpGatewaySimulator? _primary;
    private readonly TcpGatewaySimulator _secondary;
    private readonly IPEndPoint _primaryEndPoint;

    private DemoEnvironment(TcpGatewaySimulator primary, TcpGatewaySimulator secondary)
    {
        _primary = primary;
        _secondary = secondary;
        _primaryEndPoint = primary.LocalEndPoint;
    }

    public static DemoEnvironment Start()
    {
        var primary = new TcpGatewaySimulator(PrimaryBus);
        primary.Start();
        var secondary = new TcpGatewaySimulator(SecondaryBus);
        secondary.Start();
        return new DemoEnvironment(primary, secondary);
    }

    public bool PrimaryRunning => _primary is not null;

    public HubConfig Config => new(
        [
            new BankConfig(BankId, "Demo bank (simulated)",
                [new PackConfig(1), new PackConfig(2), new PackConfig(3)],
                [
                    new AdapterConfig("primary", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", _primaryEndPoint.Port), Priority: 1),
                    new AdapterConfig("secondary", AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", _secondary.LocalEndPoint.Port), Priority: 2),
                ]),
        ],
        []);

    /// <summary>The primary gateway dies: its connections are reset and new ones refused.</summary>
    public async Task KillPrimaryAsync()
    {
        var primary = Interlocked.Exchange(ref _primary, null);
        if (primary is null) return;
        primary.Faults.ResetConnections();
        await primary.DisposeAsync();
    }

    /// <summary>The primary gateway comes back on the same port.</summary>
    public void RevivePrimary()
    {
        if (_primary is not null) return;
        var primary = new TcpGatewaySimulator(PrimaryBus, _primaryEndPoint);
        primary.Start();
        _primary = primary;
    }

    public async ValueTask DisposeAsync()
    {
        if (_primary is not null) await _primary.DisposeAsync();
        await _secondary.DisposeAsync();
    }
}
