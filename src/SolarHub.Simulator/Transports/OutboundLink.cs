using System.Threading.Channels;

namespace SolarHub.Simulator;

/// <summary>
/// The write side of one listener (a TCP connection or the serial device): a queue of bus messages and a loop that
/// writes them, applying the transport faults (silence, mute, drip, split, merge). When a listener is too slow (or
/// dripping) its queue fills and new messages are dropped, as a real gateway drops UART data it cannot forward: what
/// goes out stays in contiguous runs of whole messages. Without pacing the queue applies backpressure instead.
/// </summary>
internal sealed class OutboundLink
{
    private const int QueueCapacity = 256; // messages: ~27 KB of JK traffic, the order of a gateway's buffer

    // How long a merging link waits for the next message before it writes what it has: long enough to glue a
    // poll to the previous answer at JK pace, short enough not to stall an active-mode exchange for long.
    private static readonly TimeSpan MergeWindow = TimeSpan.FromMilliseconds(250);

    private readonly Stream _stream;
    private readonly FaultController _faults;
    private readonly Random _random;
    private readonly Channel<ReadOnlyMemory<byte>> _queue;
    private long _bytesSent, _writes;

    public OutboundLink(Stream stream, FaultController faults, int seed, bool backpressure, bool muted)
    {
        _stream = stream;
        _faults = faults;
        _random = new Random(seed);
        Muted = muted;
        _queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleReader = true,
            FullMode = backpressure ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropWrite,
        });
    }

    /// <summary>Accepted while <see cref="FaultController.SilenceNewConnections"/> was on: never sent anything.</summary>
    public bool Muted { get; }

    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long Writes => Interlocked.Read(ref _writes);

    public ValueTask EnqueueAsync(ReadOnlyMemory<byte> message, bool backpressure, CancellationToken cancellationToken)
    {
        if (!backpressure)
        {
            _queue.Writer.TryWrite(message);
            return ValueTask.CompletedTask;
        }
        // A closed link must not hold the bus: a failed write just means the listener is gone.
        var write = _queue.Writer.WriteAsync(message, cancellationToken);
        return write.IsCompletedSuccessfully ? write : Swallow(write);

        static async ValueTask Swallow(ValueTask pending)
        {
            try { await pending.ConfigureAwait(false); }
            catch (ChannelClosedException) { }
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Writes until cancelled or the stream fails (the exception ends the loop; the owner closes the listener).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    if (Muted || _faults.IsSilent) continue; // dropped: the gateway stopped sending
                    int merge = _faults.MergeMessages;
                    if (merge > 1) message = await GatherAsync(message, merge, reader, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(message, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }

    private static async Task<ReadOnlyMemory<byte>> GatherAsync(
        ReadOnlyMemory<byte> first, int count, ChannelReader<ReadOnlyMemory<byte>> reader, CancellationToken cancellationToken)
    {
        var parts = new List<ReadOnlyMemory<byte>>(count) { first };
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(MergeWindow);
        while (parts.Count < count)
        {
            if (reader.TryRead(out var next)) { parts.Add(next); continue; }
            try
            {
                if (!await reader.WaitToReadAsync(window.Token).ConfigureAwait(false)) break;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break; // the window closed: send what we have
            }
        }
        var merged = new byte[parts.Sum(p => p.Length)];
        int offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(merged.AsMemory(offset));
            offset += part.Length;
        }
        return merged;
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        int offset = 0;
        while (offset < message.Length)
        {
            if (Muted || _faults.IsSilent) return; // silenced mid-message: the rest never goes out
            var drip = _faults.DripInterval;
            int split = _faults.SplitMaxBytes;
            int size = drip > TimeSpan.Zero ? 1
                : split > 0 ? _random.Next(1, split + 1)
                : message.Length - offset;
            size = Math.Min(size, message.Length - offset);
            await _stream.WriteAsync(message.Slice(offset, size), cancellationToken).ConfigureAwait(false);
            offset += size;
            Interlocked.Add(ref _bytesSent, size);
            Interlocked.Increment(ref _writes);
            if (drip > TimeSpan.Zero) await Task.Delay(drip, cancellationToken).ConfigureAwait(false);
        }
    }
}
