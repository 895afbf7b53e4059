using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Cli.Capture;

/// <summary>One data frame found in a capture, with whatever could be decoded from it.</summary>
public sealed record DecodedFrame(
    int Index,
    long Offset,
    byte? Address,
    JkFrameType Type,
    byte Counter,
    bool ChecksumValid,
    JkLayout Layout,
    bool LayoutDetected,
    DecodeStatus Status,
    CellInfo? CellInfo = null,
    Settings? Settings = null,
    DeviceInfo? DeviceInfo = null);
