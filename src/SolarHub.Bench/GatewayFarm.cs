using System.Net.Sockets;
using SolarHub.Simulator;

namespace SolarHub.Bench;

/// <summary>
/// Many simulated gateways on 127.0.0.1, each on a bus of its own with <see cref="SimulatorOptions.Packs"/> packs polled
/// at the JK pace: the far side of <c>solarhub bench scale</c>, run in a child process (the hidden
/// <c>solarhub bench gateways</c>) so that the hub's CPU can be told apart from the simulators'.
/// </summary>
public sealed class GatewayFarm : IAsyncDisposable
{
    private readonly List<TcpGatewaySimulator> _gateways;

    private GatewayFarm(List<TcpGatewaySimulator> gateways) => _gateways = gateways;

    public IReadOnlyList<int> Ports => _gateways.Select(g => g.LocalEndPoint.Port).ToList();

    public static async Task<GatewayFarm> StartAsync(int count, int packs)
    {
        var gateways = new List<TcpGatewaySimulator>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                // Different seeds: the banks do not all send the same values at the same instants. Whole transactions:
                // one write per poll instead of three, as from a gateway that packs by line idle time (docs/benchmarks.md).
                var gateway = new TcpGatewaySimulator(new SimulatorOptions { Packs = packs, Seed = 1000 + i, WholeTransactions = true });
                gateways.Add(gateway);
                gateway.Start();
            }
            return new GatewayFarm(gateways);
        }
        catch (SocketException e)
        {
            await DisposeAllAsync(gateways);
            throw new BenchException($"could only start {gateways.Count - 1} of {count} simulated gateways: {e.Message} " +
                "(out of file descriptors or ports? see ulimit -n and net.ipv4.ip_local_port_range)", e);
        }
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(_gateways);

    private static async ValueTask DisposeAllAsync(List<TcpGatewaySimulator> gateways)
    {
        await Task.WhenAll(gateways.Select(g => g.DisposeAsync().AsTask()));
        gateways.Clear();
    }
}
