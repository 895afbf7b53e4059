using SolarHub.Protocol.Jk;

namespace SolarHub.Bench.Fuzz;

/// <summary>
/// Whether a frame header starts in the last three bytes of an intact frame and continues after it: a frame ending in
/// 0x55 followed by one that lost its first byte (the 0x55 stands in for it). Such bytes can be split two ways, and the
/// scanner takes the later header (a header starting inside a frame means the frame was cut there), so the fuzzer
/// counts these frames apart instead of expecting them.
/// </summary>
public static class HeaderAcrossEnd
{
    /// <param name="bytes">The stream around the frame.</param>
    /// <param name="frameAt">Where the intact frame starts in <paramref name="bytes"/>.</param>
    public static bool Follows(ReadOnlySpan<byte> bytes, int frameAt)
    {
        var header = JkFrame.Header;
        for (int i = frameAt + JkFrame.Length - header.Length + 1; i < frameAt + JkFrame.Length; i++)
        {
            if (i + header.Length <= bytes.Length && bytes.Slice(i, header.Length).SequenceEqual(header)) return true;
        }
        return false;
    }
}
