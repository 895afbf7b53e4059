using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Protocol.Jk.Tests.Support;

/// <summary>Every byte appended is either discarded, part of a reported message, or still buffered.</summary>
public static class StatisticsBalance
{
    public static long Accounted(FrameScanner scanner)
    {
        var s = scanner.Statistics;
        return s.DiscardedBytes
            + s.Polls * ModbusMessages.PollLength
            + s.Acknowledgements * ModbusMessages.AcknowledgementLength
            + (s.ValidFrames + s.ChecksumErrors) * JkFrame.Length
            + scanner.Buffered;
    }

    public static void ShouldBalance(FrameScanner scanner) =>
        Accounted(scanner).Should().Be(scanner.Statistics.Bytes,
            "appended bytes = discarded + consumed by messages + still buffered ({0})", scanner.Statistics);
}
