using System.Globalization;

namespace SolarHub.Cluster.Hosting;

/// <summary>A node's remoting address, <c>host:port</c>.</summary>
public sealed record RemotingEndpoint(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>host:port</c> (an IPv6 host in brackets); the error says what is wrong with the text.</summary>
    public static bool TryParse(string text, out RemotingEndpoint endpoint, out string error)
    {
        endpoint = null!;
        error = "";
        text = text.Trim();
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not host:port";
            return false;
        }
        string host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            error = $"'{text[(colon + 1)..]}' is not a port (1-65535)";
            return false;
        }
        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            error = $"'{host}' is not a host name or address";
            return false;
        }
        endpoint = new RemotingEndpoint(host, port);
        return true;
    }
}
