namespace SolarHub.Protocol.Jk.Decoding;

public enum DecodeStatus : byte
{
    Ok,
    /// <summary>Fewer than 300 bytes, or no <c>55 AA EB 90</c> header.</summary>
    NotAFrame,
    ChecksumMismatch,
    /// <summary>The frame is of another type than the decoder reads.</summary>
    WrongType,
    /// <summary>JK04 or an unknown type: recognised, deliberately not guessed.</summary>
    Unsupported,
}
