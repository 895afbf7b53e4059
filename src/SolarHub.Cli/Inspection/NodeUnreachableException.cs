namespace SolarHub.Cli.Inspection;

/// <summary>Nothing answered at the node's URL; <see cref="Reason"/> says why in a few words (e.g. "connection refused").</summary>
public sealed class NodeUnreachableException(string url, string reason) : Exception($"no SolarHub node answers at {url} ({reason})")
{
    public string Url { get; } = url;
    public string Reason { get; } = reason;
}
