using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Cli.Capture;

/// <summary>Where decoded frames go, each as soon as it is decoded; nothing is written before the first frame.</summary>
public interface IDecodedFrameOutput : IDisposable
{
    void Write(DecodedFrame frame);

    /// <summary>Ends the output after the last of <paramref name="frames"/> (at least one) frames and flushes it.</summary>
    void Finish(long frames, ScannerStatistics statistics);
}
