using System.Globalization;

namespace SolarHub.Bench.Footprint;

/// <summary>What Linux says of a process (<c>/proc/&lt;pid&gt;/status</c> and <c>stat</c>): zeros once it has gone.</summary>
public static class ProcessFigures
{
    // USER_HZ: the unit of /proc/<pid>/stat's CPU times, 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static long ResidentBytes(int pid) => Status(pid, "VmRSS:") * 1024;

    /// <summary>
    /// The resident pages the kernel cannot drop under pressure without swap: anonymous memory and shared memory (the GC
    /// heap, native allocations, the JIT's code in the runtime's memfd). The rest of VmRSS is mapped files (the
    /// executable's code and assemblies), which it can drop and read again.
    /// </summary>
    public static long AnonymousBytes(int pid) => (Status(pid, "RssAnon:") + Status(pid, "RssShmem:")) * 1024;

    /// <summary>The peak resident memory so far (VmHWM).</summary>
    public static long PeakResidentBytes(int pid) => Status(pid, "VmHWM:") * 1024;

    public static int Threads(int pid) => (int)Status(pid, "Threads:");

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses: the fields that follow start after its last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException) { return TimeSpan.Zero; }
    }

    private static long Status(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return 0;
    }
}
