namespace SolarHub.Simulator;

/// <summary>Something that carries the bus to listeners: the TCP gateway or the serial device.</summary>
internal interface IBusPort
{
    /// <summary>True while someone can receive (used to hold an unpaced bus instead of spinning).</summary>
    bool HasListeners { get; }

    /// <summary>Queues one message for every listener. With <paramref name="backpressure"/> it waits for room instead of dropping the oldest.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, bool backpressure, CancellationToken cancellationToken);
}
