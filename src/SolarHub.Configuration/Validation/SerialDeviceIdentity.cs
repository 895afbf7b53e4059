namespace SolarHub.Configuration.Validation;

/// <summary>
/// Which device a serial path names, so two spellings of one device are seen as one: <c>/dev/../dev/ttyUSB0</c> and
/// <c>/dev//ttyUSB0</c> are <c>/dev/ttyUSB0</c>, and so is a <c>/dev/serial/by-id/...</c> link to it when the link
/// exists on this machine. What the user wrote stays the stored value; only comparisons use the identity.
/// </summary>
/// <param name="finalLinkTarget">The full path a symbolic link finally points to, or null when the path is not a link
/// (or cannot be read); tests pass their own so they need no real device.</param>
public sealed class SerialDeviceIdentity(Func<string, string?> finalLinkTarget)
{
    /// <summary>Follows the links of this machine's file system.</summary>
    public static SerialDeviceIdentity OnThisMachine { get; } = new(FinalLinkTarget);

    /// <summary>Device names are case-sensitive on Unix; Windows' COM3 is com3.</summary>
    public static StringComparer Comparer { get; } = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>The device <paramref name="path"/> names: collapsed, then followed through links.</summary>
    public string Of(string path)
    {
        // A name without a folder (COM3) is a device name, not a path relative to the working directory.
        if (!Path.IsPathRooted(path)) return path;
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
        return finalLinkTarget(full) is { } target ? Path.GetFullPath(target) : full;
    }

    private static string? FinalLinkTarget(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName;
        }
        // A loop of links, a folder that cannot be read: compare the path as written.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
