namespace SolarHub.Cli.Inspection;

/// <summary>Reads text/event-stream events (the WHATWG format: fields, comments, blank line ends an event).</summary>
public static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(TextReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string kind = "";
        var data = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0) yield return new ServerSentEvent(kind.Length == 0 ? "message" : kind, string.Join('\n', data));
                kind = "";
                data.Clear();
                continue;
            }
            if (line[0] == ':') continue; // comment, e.g. ": keep-alive"
            int colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "event": kind = value; break;
                case "data": data.Add(value); break;
                // id and retry do not matter to a CLI that reconnects on its own.
            }
        }
    }
}
