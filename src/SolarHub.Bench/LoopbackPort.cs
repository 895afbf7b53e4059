using System.Net;
using System.Net.Sockets;

namespace SolarHub.Bench;

/// <summary>Ports on 127.0.0.1 for the benches' own servers, nodes and brokers.</summary>
public static class LoopbackPort
{
    /// <summary>A port the system just handed out and released: free, and refused until someone listens on it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
