namespace SolarHub.Cli.Inspection;

/// <summary>Exit codes of the verbs that talk to a running node (status, bank, actors, watch, cluster); docs/inspection-cli.md lists them.</summary>
public static class InspectionExitCode
{
    public const int Ok = 0;
    /// <summary>The command line itself is wrong (System.CommandLine's own code for parse errors).</summary>
    public const int Usage = 1;
    /// <summary>An option value is unusable, e.g. a --url that is not an http(s) address.</summary>
    public const int BadOption = 2;
    /// <summary>No SolarHub node answers at the URL (refused, timed out, host unknown).</summary>
    public const int NoNode = 3;
    /// <summary>The node runs no bank with the given id.</summary>
    public const int UnknownBank = 4;
    /// <summary>The cluster has no member with the given node name (same code as an unknown bank: what was named does not exist).</summary>
    public const int UnknownMember = 4;
    /// <summary>The node answered, but with an error or with something that is not SolarHub's API.</summary>
    public const int NodeError = 5;
}
