namespace SolarHub.Configuration.Validation;

/// <summary>
/// What a display name (of a bank or battery array) may be: any Unicode text up to 100 characters, without control
/// characters, line breaks or bidirectional overrides (a name is printed in terminals, logs and dashboards). A name
/// only labels its entity (the id is what is unique and looked up), so names that look alike are allowed, and they
/// are stored as written: SolarHub runs with invariant globalization, which has no Unicode normalization data.
/// </summary>
public static class DisplayName
{
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="name"/> is not a display name, or null. <paramref name="kind"/> names its owner: <c>bank</c>.</summary>
    public static string? Problem(string name, string kind)
    {
        if (name.Length > MaxLength)
            return $"{PrintableText.Quote(name)} is too long for {IdSyntax.A(kind)} name (at most {MaxLength} characters)";
        for (var i = 0; i < name.Length; i++)
        {
            if (PrintableText.IsUnsafeAt(name, i))
                return $"{PrintableText.Quote(name)} is not {IdSyntax.A(kind)} name: it holds the control character {PrintableText.Escaped(name[i])} " +
                    "(a name is printed: no control characters, line breaks or direction overrides)";
        }
        return null;
    }
}
