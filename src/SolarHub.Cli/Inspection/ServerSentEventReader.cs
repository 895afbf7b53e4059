namespace SolarHub.Cli.Inspection;

/// <summary>Reads text/event-stream events (the WHATWG format: fields, comments, blank line ends an event).</summary>
public static class ServerSentEventReader
{
    /// <param name="idleTimeout">
    /// Nothing at all (not even a keep-alive comment) for this long means the stream is dead though the connection
    /// looks open (half-open TCP, a hung proxy): fails with <see cref="IOException"/> so the caller reconnects.
    /// </param>
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(TextReader reader, TimeSpan idleTimeout,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string kind = "";
        string? id = null;
        var data = new List<string>();
        while (await ReadLineAsync(reader, idleTimeout, ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0) yield return new ServerSentEvent(kind.Length == 0 ? "message" : kind, string.Join('\n', data), id);
                kind = "";
                data.Clear();
                continue;
            }
            if (line[0] == ':') continue; // comment, e.g. ": keep-alive"
            int colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            // retry does not matter to a CLI that reconnects on its own; the id lets it resume where it was.
            switch (field)
            {
                case "event": kind = value; break;
                case "data": data.Add(value); break;
                case "id" when !value.Contains('\0'): id = value.Length == 0 ? null : value; break;
            }
        }
    }

    private static async Task<string?> ReadLineAsync(TextReader reader, TimeSpan idleTimeout, CancellationToken ct)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(idleTimeout);
        try { return await reader.ReadLineAsync(idle.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"nothing received for {idleTimeout.TotalSeconds:0.#} s");
        }
    }
}
