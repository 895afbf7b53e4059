using System.Globalization;

namespace SolarHub.Configuration.Validation;

/// <summary>
/// What an id (battery array, bank, adapter) may be: 1-64 ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, starting
/// with a letter or digit. Ids go in URLs (<c>/api/banks/{id}</c>), MQTT topics, actor names and file paths, and are
/// typed by people, so they must survive all of these unchanged; ids that differ only in case would be two banks
/// that people take for one, so uniqueness ignores case.
/// </summary>
public static class IdSyntax
{
    public const int MaxLength = 64;

    /// <summary>How ids are compared for uniqueness.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public const string Rule = "1-64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit";

    /// <summary>Why <paramref name="id"/> is not an id, or null. <paramref name="kind"/> names it: <c>bank</c>, <c>adapter</c>.</summary>
    public static string? Problem(string id, string kind)
    {
        if (id.Length == 0) return $"the {kind} id is empty";
        if (id.Length > MaxLength) return $"{PrintableText.Quote(id)} is too long for {A(kind)} id ({Rule})";
        if (!char.IsAsciiLetterOrDigit(id[0]))
            return $"{PrintableText.Quote(id)} is not {A(kind)} id: it starts with {Shown(id[0])} ({Rule})";
        foreach (var c in id)
        {
            if (!IsAllowed(c))
                return $"{PrintableText.Quote(id)} is not {A(kind)} id: {Shown(c)} is not allowed ({Rule})";
        }
        return null;
    }

    /// <summary>"a bank", "an adapter".</summary>
    internal static string A(string noun) => ("aeiou".Contains(noun[0]) ? "an " : "a ") + noun;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static string Shown(char c) => c switch
    {
        ' ' => "a space",
        // What would not show on its own (a combining accent joins the quote before it) is shown as code.
        _ when char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c)
            || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            => $"'{PrintableText.Escaped(c)}'",
        _ => $"'{c}'",
    };
}
