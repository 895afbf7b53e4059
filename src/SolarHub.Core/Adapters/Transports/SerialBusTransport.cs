using System.IO.Ports;
using SolarHub.Configuration;

namespace SolarHub.Core.Adapters.Transports;

/// <summary>A serial RS485 adapter. Opening a port can block, so it happens on the thread pool, never on an actor's thread.</summary>
public sealed class SerialBusTransport(SerialTransport settings) : IBusTransport
{
    public string Endpoint => settings.Describe();

    public async Task<Stream> OpenAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var open = Task.Run(() =>
        {
            // .NET says "Access to the port is denied" for a device that is not there: say what is true.
            if (!File.Exists(settings.Path))
                throw new FileNotFoundException($"{settings.Path} not found: is the adapter plugged in, and is the path right (ls /dev/serial/by-id)?", settings.Path);
            var port = new SerialPort(settings.Path, settings.BaudRate, settings.Parity, settings.DataBits, settings.StopBits)
            {
                Handshake = Handshake.None,
                ReadTimeout = SerialPort.InfiniteTimeout,
                WriteTimeout = 2000,
            };
            try
            {
                port.Open();
                return (Stream)new SerialPortStream(port);
            }
            catch
            {
                port.Dispose();
                throw;
            }
        }, cancellationToken);
        return await open.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }
}
