using SolarHub.Configuration;

namespace SolarHub.Core.Adapters.Framing;

/// <summary>
/// How the bus's messages travel on an adapter's stream: as they are on RS485 (<see cref="RtuFraming"/>: a transparent
/// gateway or a serial port), or wrapped per request and answer (<see cref="MbapFraming"/>: a Modbus TCP gateway).
/// One per connection. Polls are written on the actor's thread, bytes are fed on the read loop's.
/// </summary>
public abstract class BusFraming
{
    public static BusFraming For(TransportSettings transport) => transport is ModbusTcpTransport ? new MbapFraming() : new RtuFraming();

    /// <summary>The longest poll <see cref="WritePoll"/> writes.</summary>
    public abstract int MaxPollLength { get; }

    /// <summary>False: the stream carries only answers to this connection's own polls (nothing to listen to).</summary>
    public abstract bool CarriesTheWholeBus { get; }

    /// <summary>Writes the poll of <paramref name="register"/> to pack <paramref name="address"/>; returns its length. Actor thread.</summary>
    public abstract int WritePoll(Span<byte> destination, byte address, ushort register);

    /// <summary>The poll last written is answered or given up: an answer to it that still arrives is not taken. Actor thread.</summary>
    public virtual void Abandon() { }

    /// <summary>Scans bytes read from the stream into <paramref name="reader"/>. Read loop, under the connection's lock.</summary>
    /// <param name="expectedAddress">The pack an active poller is waiting for, -1 when passive (see <see cref="BusFrameReader.Feed"/>).</param>
    public abstract void Feed(ReadOnlySpan<byte> data, BusFrameReader reader, IPackFrameSink sink, int expectedAddress);
}
