namespace SolarHub.Core.Adapters.Transports;

/// <summary>Opens the byte stream of one bus connection. The adapter actor owns and disposes the stream.</summary>
public interface IBusTransport
{
    string Endpoint { get; }

    Task<Stream> OpenAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
