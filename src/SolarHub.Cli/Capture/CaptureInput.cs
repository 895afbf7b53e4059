namespace SolarHub.Cli.Capture;

/// <summary>The rules for what the user gives: hex text, and how stdin is told to be hex text rather than raw bytes.</summary>
public static class CaptureInput
{
    /// <summary>Parses hex with optional whitespace, ':' or '-' separators and 0x prefixes.</summary>
    public static bool TryParseHex(string text, out byte[] bytes, out string error)
    {
        var decoder = new HexTextDecoder();
        var buffer = new byte[HexTextDecoder.MaxBytes(text.Length)];
        int written = decoder.Decode(text, buffer, final: true);
        bytes = decoder.Error is null ? buffer[..written] : [];
        error = decoder.Error ?? "";
        return decoder.Error is null;
    }

    /// <summary>
    /// Stdin may carry hex text (e.g. pasted from a log) or raw bytes; it is read as hex when all of it is made of hex
    /// digits and separators, so a whole stdin looks like hex when each of its pieces does.
    /// </summary>
    public static bool LooksLikeHexText(ReadOnlySpan<byte> piece)
    {
        foreach (byte b in piece)
        {
            if (!(b < 0x80 && (char.IsAsciiHexDigit((char)b) || char.IsWhiteSpace((char)b) || b is (byte)':' or (byte)'-' or (byte)',' or (byte)'x' or (byte)'X')))
                return false;
        }
        return true;
    }
}
