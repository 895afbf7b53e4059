using System.Text;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Cli.Capture;

/// <summary>The table of decoded frames (one block each, a blank line after it), then a summary line.</summary>
public sealed class DecodedFrameTableOutput(Stream output, Encoding encoding) : IDecodedFrameOutput
{
    private readonly StreamWriter _writer = new(output, encoding, bufferSize: 64 * 1024, leaveOpen: true);

    public void Write(DecodedFrame frame) => _writer.WriteLine(DecodedFrameTable.Render(frame));

    public void Finish(long frames, ScannerStatistics s)
    {
        _writer.WriteLine($"{frames} frames ({s.ChecksumErrors} with bad checksum), {s.Polls} polls, {s.Acknowledgements} acknowledgements, {s.DiscardedBytes} bytes unrecognised");
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
