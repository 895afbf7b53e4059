using System.Text;

namespace SolarHub.Cli.Capture;

/// <summary>
/// Reads the bytes that hex text (already checked with <see cref="HexTextDecoder"/>) stands for, a piece at a time.
/// The text stream stays open: it belongs to whoever gave it.
/// </summary>
public sealed class HexTextStream(Stream text) : Stream
{
    private const int PieceLength = 64 * 1024;

    private readonly HexTextDecoder _decoder = new();
    private readonly byte[] _text = new byte[PieceLength];
    private readonly char[] _chars = new char[PieceLength];
    private readonly byte[] _bytes = new byte[HexTextDecoder.MaxBytes(PieceLength)];
    private int _start, _end;
    private bool _ended;

    public override int Read(Span<byte> buffer)
    {
        while (_start == _end)
        {
            if (_ended) return 0;
            int read = text.Read(_text);
            _ended = read == 0;
            // Checked text is ASCII, so each byte is one character.
            int chars = Encoding.ASCII.GetChars(_text.AsSpan(0, read), _chars);
            _start = 0;
            _end = _decoder.Decode(_chars.AsSpan(0, chars), _bytes, final: _ended);
            if (_decoder.Error is { } error) throw new InvalidDataException(error);
        }
        int count = Math.Min(buffer.Length, _end - _start);
        _bytes.AsSpan(_start, count).CopyTo(buffer);
        _start += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
