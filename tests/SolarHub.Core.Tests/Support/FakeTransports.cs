using System.Collections.Concurrent;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;

namespace SolarHub.Core.Tests.Support;

/// <summary>
/// Transports for bank tests that drive the adapter protocol by hand. <see cref="Pending"/> never opens: the real
/// adapter child stays "connecting" and only beats. <see cref="Blocking"/> blocks the adapter's thread inside
/// OpenAsync, so its loop is dead and it never beats (until <see cref="Dispose"/> releases it).
/// </summary>
public sealed class FakeTransports : IDisposable
{
    public enum Behaviour { Pending, Blocking }

    private readonly ConcurrentDictionary<int, Behaviour> _byPort = new();
    private readonly ManualResetEventSlim _release = new(false);
    private int _opens;

    /// <summary>How many times an adapter asked a transport to open.</summary>
    public int Opens => Volatile.Read(ref _opens);

    public void Set(int port, Behaviour behaviour) => _byPort[port] = behaviour;

    public IBusTransport Create(TransportSettings settings) => settings switch
    {
        TcpTransport tcp => new Transport(this, tcp.Describe(), _byPort.GetValueOrDefault(tcp.Port, Behaviour.Pending)),
        _ => new Transport(this, settings.Describe(), Behaviour.Pending),
    };

    public void Dispose() => _release.Set();

    private sealed class Transport(FakeTransports owner, string endpoint, Behaviour behaviour) : IBusTransport
    {
        public string Endpoint => endpoint;

        public Task<Stream> OpenAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._opens);
            // Bounded, so a forgotten release cannot hang the test run.
            if (behaviour == Behaviour.Blocking) owner._release.Wait(TimeSpan.FromSeconds(60));
            return new TaskCompletionSource<Stream>(TaskCreationOptions.RunContinuationsAsynchronously).Task;
        }
    }
}
