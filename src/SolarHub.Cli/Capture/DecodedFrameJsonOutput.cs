using System.Text;
using System.Text.Json;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Cli.Capture;

/// <summary>
/// The JSON array of decoded frames, written element by element: the same indented text as the whole array
/// serialised at once, in memory that does not grow with the input.
/// </summary>
public sealed class DecodedFrameJsonOutput(Stream output) : IDecodedFrameOutput
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { Indented = true });
    private bool _started;

    public void Write(DecodedFrame frame)
    {
        // Opened at the first frame: with none, decode prints nothing on stdout (only the error).
        if (!_started) { _writer.WriteStartArray(); _started = true; }
        DecodedFrameJson.ToJson(frame).WriteTo(_writer);
        if (_writer.BytesPending >= FlushThreshold) _writer.Flush();
    }

    public void Finish(long frames, ScannerStatistics statistics)
    {
        _writer.WriteEndArray();
        _writer.Flush();
        output.Write(Encoding.UTF8.GetBytes(Environment.NewLine));
        output.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
