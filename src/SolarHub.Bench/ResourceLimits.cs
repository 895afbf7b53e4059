using System.Globalization;

namespace SolarHub.Bench;

/// <summary>
/// What a process may open on Linux: the soft limit on open files (<c>ulimit -n</c>) and the ephemeral port range,
/// checked before a bench opens thousands of sockets so that it fails with advice rather than half-way. Elsewhere
/// (no /proc) nothing is known and nothing is checked.
/// </summary>
public static class ResourceLimits
{
    public static long? OpenFiles()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var soft = line["Max open files".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null; // "unlimited"
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    public static int? EphemeralPorts()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int low) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int high)
                ? high - low + 1
                : null;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>Throws a <see cref="BenchException"/> with the fix when <paramref name="files"/> descriptors or <paramref name="ports"/> client ports will not fit.</summary>
    public static void Require(int files, int ports, string what)
    {
        if (OpenFiles() is { } limit && files > limit)
            throw new BenchException($"{what} needs about {files} open files in one process but the limit (ulimit -n) is {limit}: " +
                $"raise it, e.g. 'ulimit -n {Math.Max(files * 2, 4096)}' in the shell that runs the bench (the hard limit is the ceiling without root)");
        if (EphemeralPorts() is { } range && ports > range)
            throw new BenchException($"{what} needs {ports} client connections but only {range} ephemeral ports exist " +
                "(net.ipv4.ip_local_port_range): widen the range or use fewer banks");
    }
}
