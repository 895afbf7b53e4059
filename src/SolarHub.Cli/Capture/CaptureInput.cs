using System.Globalization;

namespace SolarHub.Cli.Capture;

/// <summary>Turns what the user gave (hex text, a raw capture file, stdin) into bytes, or a message naming what is wrong.</summary>
public static class CaptureInput
{
    /// <summary>Parses hex with optional whitespace, ':' or '-' separators and 0x prefixes.</summary>
    public static bool TryParseHex(string text, out byte[] bytes, out string error)
    {
        var clean = new List<char>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c is ':' or '-' or ',') continue;
            if (c == '0' && i + 1 < text.Length && text[i + 1] is 'x' or 'X') { i++; continue; }
            if (!char.IsAsciiHexDigit(c))
            {
                bytes = [];
                error = $"invalid hex: '{c}' at position {i + 1} is not a hex digit";
                return false;
            }
            clean.Add(c);
        }
        if (clean.Count == 0) { bytes = []; error = "no hex digits given"; return false; }
        if (clean.Count % 2 != 0) { bytes = []; error = $"invalid hex: odd number of digits ({clean.Count})"; return false; }
        bytes = new byte[clean.Count / 2];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = byte.Parse(string.Concat(clean[2 * i], clean[2 * i + 1]), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        error = "";
        return true;
    }

    /// <summary>Stdin may carry hex text (e.g. pasted from a log) or raw bytes; text made only of hex digits and separators is read as hex.</summary>
    public static bool TryInterpretStdin(byte[] raw, out byte[] bytes, out string error)
    {
        bool looksLikeHex = raw.Length > 0 && raw.All(b => b < 0x80 && (char.IsAsciiHexDigit((char)b) || char.IsWhiteSpace((char)b) || b is (byte)':' or (byte)'-' or (byte)',' or (byte)'x' or (byte)'X'));
        if (looksLikeHex) return TryParseHex(System.Text.Encoding.ASCII.GetString(raw), out bytes, out error);
        bytes = raw;
        error = raw.Length == 0 ? "stdin was empty" : "";
        return raw.Length > 0;
    }
}
