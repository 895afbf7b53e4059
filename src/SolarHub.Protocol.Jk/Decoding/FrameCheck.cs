using SolarHub.Protocol.Jk.Checksums;

namespace SolarHub.Protocol.Jk.Decoding;

/// <summary>The checks every decoder makes before reading a field.</summary>
internal static class FrameCheck
{
    public static DecodeStatus Verify(ReadOnlySpan<byte> frame, JkFrameType expected)
    {
        if (frame.Length < JkFrame.Length || !JkFrame.StartsWithHeader(frame)) return DecodeStatus.NotAFrame;
        if (!JkChecksum.IsValid(frame)) return DecodeStatus.ChecksumMismatch;
        return frame[JkFrame.TypeOffset] == (byte)expected ? DecodeStatus.Ok : DecodeStatus.WrongType;
    }
}
