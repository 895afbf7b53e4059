using System.Reflection;
using Akka.Configuration;

namespace SolarHub.Core.Configuration;

/// <summary>Reads a library's HOCON defaults, embedded in its assembly beside the code that uses them.</summary>
public static class EmbeddedHocon
{
    public static Config Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
