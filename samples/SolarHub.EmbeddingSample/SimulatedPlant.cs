using SolarHub.Configuration;
using SolarHub.Simulator;

namespace SolarHub.EmbeddingSample;

/// <summary>
/// Stands in for the hardware: one JK bus of 3 packs seen through two RS485-to-TCP gateways on loopback (the primary
/// listens to a JK master, the secondary polls the packs itself), and the SolarHub bank configuration that reads them.
/// </summary>
public sealed class SimulatedPlant : IAsyncDisposable
{
    public const string BankId = "plant-bank";

    private readonly TcpGatewaySimulator _primary = new(new SimulatorOptions { Packs = 3, Seed = 11 });
    private readonly TcpGatewaySimulator _secondary = new(new SimulatorOptions { Packs = 3, Seed = 11, Master = false });

    public SimulatedPlant()
    {
        _primary.Start();
        _secondary.Start();
    }

    /// <summary>What the application hands to <c>WithSolarHub</c>; a real application reads it from its own configuration.</summary>
    public HubConfig Config => new(
        [
            new BankConfig(BankId, "Plant battery",
                [new PackConfig(1), new PackConfig(2), new PackConfig(3)],
                [
                    new AdapterConfig("primary", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", _primary.LocalEndPoint.Port), Priority: 1),
                    new AdapterConfig("secondary", AdapterProtocol.JkActive, new TcpTransport("127.0.0.1", _secondary.LocalEndPoint.Port), Priority: 2),
                ]),
        ],
        []);

    /// <summary>The primary gateway keeps its connections but sends nothing: the bank fails over to the secondary.</summary>
    public void SilencePrimary() => _primary.Faults.Silence();

    public async ValueTask DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _secondary.DisposeAsync();
    }
}
