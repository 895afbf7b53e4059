using System.Globalization;

namespace SolarHub.Bench;

/// <summary>How busy the machine is (Linux load average), printed beside figures that other processes can distort.</summary>
public static class MachineLoad
{
    public static string Describe()
    {
        string load = "unknown";
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 1) load = fields[0];
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return $"{Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} cores, load average {load}";
    }
}
