using System.Globalization;

namespace SolarHub.EmbeddingSample;

/// <summary>The sample's command line: <c>--duration 00:00:30</c> (stop by itself), <c>--silence-primary-after 00:00:08</c> (show a failover).</summary>
public sealed record SampleOptions(TimeSpan? Duration, TimeSpan? SilencePrimaryAfter)
{
    public static bool TryParse(string[] args, out SampleOptions options, out string error)
    {
        TimeSpan? duration = null, silence = null;
        options = new SampleOptions(null, null);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is not ("--duration" or "--silence-primary-after"))
            {
                error = $"unknown argument '{args[i]}' (known: --duration <time>, --silence-primary-after <time>)";
                return false;
            }
            if (i + 1 >= args.Length || !TimeSpan.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value <= TimeSpan.Zero)
            {
                error = $"{args[i]} needs a positive time like 00:00:30";
                return false;
            }
            if (args[i] == "--duration") duration = value; else silence = value;
            i++;
        }
        options = new SampleOptions(duration, silence);
        error = "";
        return true;
    }
}
