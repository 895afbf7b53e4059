using System.Net.Sockets;

namespace SolarHub.Core.Adapters.Transports;

/// <summary>
/// An RS485-to-TCP gateway: the bus bytes are the TCP stream (<c>tcp://</c>), or Modbus TCP requests and answers
/// (<c>tcp+modbus://</c>: the adapter's framing tells them apart, the socket is the same).
/// </summary>
public sealed class TcpBusTransport(string host, int port, string scheme = "tcp") : IBusTransport
{
    public string Endpoint => $"{scheme}://{host}:{port}";

    public async Task<Stream> OpenAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Keep-alive lets the kernel eventually notice a dead peer; the data deadline notices much sooner.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"no connection to {Endpoint} within {timeout.TotalSeconds:0.#} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
