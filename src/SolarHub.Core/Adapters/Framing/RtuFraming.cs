using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Core.Adapters.Framing;

/// <summary>The bus bytes as they are on RS485: a serial port, or a gateway in transparent mode (<c>tcp://</c>).</summary>
public sealed class RtuFraming : BusFraming
{
    public override int MaxPollLength => ModbusMessages.PollLength;

    public override bool CarriesTheWholeBus => true;

    public override int WritePoll(Span<byte> destination, byte address, ushort register) => ModbusMessages.WritePoll(destination, address, register);

    public override void Feed(ReadOnlySpan<byte> data, BusFrameReader reader, IPackFrameSink sink, int expectedAddress) =>
        reader.Feed(data, sink, expectedAddress);
}
