namespace SolarHub.Protocol.Jk.Bus;

public enum BusEventKind : byte
{
    /// <summary>The master asked a slave for a frame (Modbus write of one register).</summary>
    Poll,
    /// <summary>A slave's Modbus acknowledgement, sent right after its data frame.</summary>
    Acknowledgement,
    /// <summary>A 300-byte <c>55 AA EB 90</c> frame, with or without a valid checksum.</summary>
    DataFrame,
    /// <summary>Bytes that belong to nothing recognisable (noise, truncated messages).</summary>
    Discarded,
}
