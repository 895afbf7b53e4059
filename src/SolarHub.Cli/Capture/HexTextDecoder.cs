namespace SolarHub.Cli.Capture;

/// <summary>
/// The hex text rule (whitespace, ':', '-' and ',' separators and 0x prefixes allowed), applied piece by piece so text
/// of any length decodes without being held whole. An error names the first bad character by its position in the whole
/// text; after it nothing more is decoded.
/// </summary>
public sealed class HexTextDecoder
{
    private long _position;
    private long _digits;
    private int _highNibble = -1;
    // A '0' that may start a 0x prefix: the next character decides, and it may be in the next piece.
    private bool _zeroPending;

    public string? Error { get; private set; }

    /// <summary>Room needed in the output for a piece of <paramref name="textLength"/> characters.</summary>
    public static int MaxBytes(int textLength) => textLength / 2 + 1;

    /// <summary>
    /// Decodes <paramref name="text"/> into <paramref name="bytes"/> (at least <see cref="MaxBytes"/> long) and returns
    /// how many bytes were written. <paramref name="final"/> ends the text: then an empty or odd text is an error.
    /// </summary>
    public int Decode(ReadOnlySpan<char> text, Span<byte> bytes, bool final)
    {
        int written = 0;
        foreach (char c in text)
        {
            if (Error is not null) return written;
            _position++;
            if (_zeroPending)
            {
                _zeroPending = false;
                if (c is 'x' or 'X') continue;
                AddDigit(0, bytes, ref written);
            }
            if (char.IsWhiteSpace(c) || c is ':' or '-' or ',') continue;
            if (c == '0') { _zeroPending = true; continue; }
            if (!char.IsAsciiHexDigit(c))
            {
                Error = $"invalid hex: '{c}' at position {_position} is not a hex digit";
                return written;
            }
            AddDigit(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10, bytes, ref written);
        }
        if (final && Error is null)
        {
            if (_zeroPending) { _zeroPending = false; AddDigit(0, bytes, ref written); }
            if (_digits == 0) Error = "no hex digits given";
            else if (_digits % 2 != 0) Error = $"invalid hex: odd number of digits ({_digits})";
        }
        return written;
    }

    private void AddDigit(int value, Span<byte> bytes, ref int written)
    {
        _digits++;
        if (_highNibble < 0) { _highNibble = value; return; }
        bytes[written++] = (byte)((_highNibble << 4) | value);
        _highNibble = -1;
    }
}
