using System.Diagnostics;

namespace SolarHub.Bench;

/// <summary>How a bench starts another <c>solarhub</c> process: the same CLI, through its apphost or through dotnet.</summary>
public static class SolarHubProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet") info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "solarhub.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }
}
