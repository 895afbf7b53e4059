using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>
/// Writes bus traffic and, alongside, the events a correct scanner reports for it. Consecutive discarded
/// stretches are expected as one event: how the scanner splits noise into events depends on chunking.
/// </summary>
public sealed class BusScript
{
    /// <summary>
    /// Line noise between transactions, built to tempt the scanner: a partial frame header, a poll-shaped
    /// run with a wrong CRC, and stray 0x55 / 0x10 bytes.
    /// </summary>
    public static readonly byte[] LineNoiseBytes = [0x00, 0xFF, 0x55, 0xAA, 0x10, 0x16, 0x20, 0x00, 0x01, 0x02, 0x00, 0x00, 0x13, 0x37, 0x55, 0x10, 0xFE];

    private readonly List<byte> _bytes = [];
    private readonly List<ScannedEvent> _expected = [];

    public byte[] Bytes => [.. _bytes];

    public IReadOnlyList<ScannedEvent> Expected => ScannerRun.CoalesceDiscards(_expected);

    public int Length => _bytes.Count;

    public BusScript Poll(byte address, ushort register)
    {
        _bytes.AddRange(ModbusMessages.Poll(address, register));
        _expected.Add(ScannedEvent.Poll(address, register));
        return this;
    }

    public BusScript Acknowledgement(byte address, ushort register)
    {
        _bytes.AddRange(ModbusMessages.Acknowledgement(address, register));
        _expected.Add(ScannedEvent.Acknowledgement(address, register));
        return this;
    }

    /// <summary>A data frame expected back as a frame attributed to <paramref name="attributedTo"/> (null: unattributed).</summary>
    public BusScript Frame(byte[] frame, byte? attributedTo, bool checksumValid = true)
    {
        _bytes.AddRange(frame);
        _expected.Add(ScannedEvent.DataFrame(frame, attributedTo, checksumValid));
        return this;
    }

    /// <summary>Bytes the scanner must skip (noise, truncated messages).</summary>
    public BusScript Garbage(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        _expected.Add(ScannedEvent.Discarded(bytes.Length));
        return this;
    }

    public BusScript LineNoise() => Garbage(LineNoiseBytes);

    /// <summary>The master polls a pack, the pack answers with its frame and acknowledges.</summary>
    public BusScript Transaction(byte address, byte[] frame)
    {
        ushort register = JkRegister.ForFrameType((JkFrameType)frame[JkFrame.TypeOffset]);
        return Poll(address, register).Frame(frame, address).Acknowledgement(address, register);
    }
}
