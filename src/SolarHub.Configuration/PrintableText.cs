using System.Globalization;
using System.Text;

namespace SolarHub.Configuration;

/// <summary>
/// User-supplied text as it may be printed to a terminal or a log. Control characters (ESC drives the terminal), line
/// and paragraph separators, bidirectional overrides (they reorder what follows) and lone surrogates are shown as
/// <c>\u001b</c>; everything else as written. Backslashes are left alone, so escaping twice changes nothing.
/// </summary>
public static class PrintableText
{
    /// <summary>How much of a rejected value an error message quotes; the rest is cut and its length said.</summary>
    public const int QuotedLength = 40;

    /// <summary>Whether the character at <paramref name="index"/> would not print as itself.</summary>
    public static bool IsUnsafeAt(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c)) return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        if (char.IsLowSurrogate(c)) return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        return char.IsControl(c) || IsLayoutControl(c);
    }

    public static bool HasUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (IsUnsafeAt(text, i)) return true;
        return false;
    }

    /// <summary>The text with each unsafe character written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        if (!HasUnsafe(text)) return text;
        var shown = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafeAt(text, i)) shown.Append(Escaped(text[i]));
            else shown.Append(text[i]);
        }
        return shown.ToString();
    }

    /// <summary>The escaped text, cut after <paramref name="maxLength"/> characters with an ellipsis.</summary>
    public static string Short(string text, int maxLength = QuotedLength)
    {
        if (text.Length <= maxLength) return Escape(text);
        // Never cut a surrogate pair in two: half of it would print as an escape the value does not hold.
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return Escape(text[..cut]) + "…";
    }

    /// <summary>A value for an error message: <c>'house '</c>, or <c>'aaaa…' (10485760 characters)</c> when long.</summary>
    public static string Quote(string text) =>
        text.Length <= QuotedLength ? $"'{Escape(text)}'" : $"'{Short(text)}' ({text.Length.ToString(CultureInfo.InvariantCulture)} characters)";

    /// <summary>One character as code: <c>\u001b</c>.</summary>
    public static string Escaped(char c) => $"\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}";

    // Characters that print nothing but move or reorder the text around them.
    private static bool IsLayoutControl(char c) =>
        c is '\u2028' or '\u2029' or '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
