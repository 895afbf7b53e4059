using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Adapters;

// The protocol between an adapter actor (which owns one transport) and its bank.

/// <summary>The adapter opened its transport and its read loop is running.</summary>
public sealed record AdapterConnected(string AdapterId, string Endpoint);

/// <summary>
/// "My loop is alive", with what was seen since the previous beat: sent by the read loop for every read that
/// decoded something (carrying those readings), when the adapter actor starts, and when the bank asks
/// (<see cref="ReportHeartbeat"/>: it heard nothing for a heartbeat interval).
/// <paramref name="PacksSeenMask"/> has bit N set when pack address N delivered a valid cell-info frame.
/// </summary>
public sealed record AdapterHeartbeat(string AdapterId, long Bytes, long ValidFrames, long ChecksumErrors, ushort PacksSeenMask)
{
    /// <summary>Bytes since the last beat that formed no valid message: noise, truncated messages, Modbus messages with a bad CRC.</summary>
    public long DiscardedBytes { get; init; }

    /// <summary>The cell-info frames decoded since the last beat, in bus order (one read's worth: one message to the bank, not one per frame).</summary>
    public IReadOnlyList<PackReadingReceived> Readings { get; init; } = [];

    /// <summary>The device-info frames decoded since the last beat.</summary>
    public IReadOnlyList<PackDeviceInfoReceived> DeviceInfos { get; init; } = [];

    /// <summary>How long the bus may stay quiet before this adapter calls it silent (<see cref="BusRhythm"/>); null: not learned (yet), or off.</summary>
    public TimeSpan? SilenceAfter { get; init; }
}

/// <summary>The transport failed (refused, reset, closed, port gone); the adapter restarts with backoff.</summary>
public sealed record AdapterFaulted(string AdapterId, string Reason);

/// <summary>A pack's cell and real-time data, decoded. <paramref name="ReceivedTimestamp"/> is a Stopwatch timestamp of the read that completed the frame.</summary>
public sealed record PackReadingReceived(string AdapterId, byte Address, CellInfo Values, DateTimeOffset ReceivedAt, long ReceivedTimestamp);

/// <summary>A pack's device-info frame, and the layout it implies (null when it cannot tell).</summary>
public sealed record PackDeviceInfoReceived(string AdapterId, byte Address, DeviceInfo Info, JkLayout? DetectedLayout);

/// <summary>Bank to adapter: drop the connection and reconnect (e.g. no valid data within the deadline).</summary>
public sealed record ReconnectAdapter(string Reason);

/// <summary>
/// Bank to adapter, on the bank's tick: nothing heard since the previous tick, report the loop's heartbeat now.
/// A busy adapter is never asked (its readings beat for it); one whose actor is stuck never answers.
/// </summary>
public sealed record ReportHeartbeat
{
    public static ReportHeartbeat Instance { get; } = new();
}

/// <summary>
/// Bank to adapter, when it changes: <paramref name="Urgent"/> while the bank has no healthy adapter, so this adapter
/// may be its way back and waits at most <c>down-retry</c> between restarts; otherwise the normal exponential backoff.
/// </summary>
public sealed record RetryUrgency(bool Urgent);
