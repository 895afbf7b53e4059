namespace SolarHub.Protocol.Jk.Modbus;

public enum MbapSegmentKind : byte
{
    /// <summary>Bytes of one answer's payload (an answer may arrive in several).</summary>
    Payload,
    /// <summary>The answer whose payload came before is complete.</summary>
    End,
    /// <summary>Bytes that cannot start a header (a protocol id other than 0, an impossible length): skipped one at a time.</summary>
    Skipped,
}
