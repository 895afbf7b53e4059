using System.Net;
using System.Net.Sockets;

namespace SolarHub.TestSupport;

/// <summary>Ports on 127.0.0.1 for tests: one nobody listens on (a server to start there, or a connection to be refused).</summary>
public static class LoopbackPorts
{
    /// <summary>A port the system just handed out and released: free, and refused until someone listens on it.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
