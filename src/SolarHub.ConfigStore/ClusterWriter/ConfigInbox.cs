using System.Data.Common;
using System.Text;

namespace SolarHub.ConfigStore.ClusterWriter;

/// <summary>A write waiting in the inbox; <see cref="Write"/> is null when it cannot be read (<see cref="Unreadable"/> says why).</summary>
public sealed record InboxRequest(Guid Id, IConfigWrite? Write, string? Unreadable = null);

/// <summary>The writer's answer to a request, and the node whose writer gave it.</summary>
public sealed record InboxAnswer(object Answer, string Node);

/// <summary>
/// Writes on their way to the cluster's configuration writer (table <c>config_inbox</c>): a client inserts its write
/// under its request id, the writer puts the store's answer in the same row, the client reads it and deletes the row.
/// Messages are the store's own wire format (<see cref="ConfigStoreMessageSerializer"/>): JSON, readable in the database.
/// The request id is the key, so a request submitted twice is one row, and a writer that picks up a row its dead
/// predecessor had taken sends it with the same request id: the store stores it once.
/// </summary>
public sealed class ConfigInbox(ConfigWriterTables tables)
{
    public async Task SubmitAsync(IConfigWrite write, CancellationToken ct)
    {
        var id = write.RequestId ?? throw new ArgumentException("a write through the inbox needs a request id", nameof(write));
        await using var connection = await tables.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            $"INSERT INTO config_inbox (request_id, manifest, payload, submitted_at) VALUES (@id, @manifest, @payload, {tables.Now}) " +
            "ON CONFLICT (request_id) DO NOTHING",
            ("@id", Key(id)), ("@manifest", ConfigStoreMessageSerializer.ManifestFor(write)),
            ("@payload", Encoding.UTF8.GetString(ConfigStoreMessageSerializer.Encode(write))));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The requests not answered yet, oldest first.</summary>
    public async Task<IReadOnlyList<InboxRequest>> PendingAsync(CancellationToken ct, int limit = 50)
    {
        await using var connection = await tables.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            $"SELECT request_id, manifest, payload FROM config_inbox WHERE answer IS NULL ORDER BY submitted_at LIMIT {limit}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var requests = new List<InboxRequest>();
        while (await reader.ReadAsync(ct)) requests.Add(Read(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return requests;
    }

    /// <summary>Puts <paramref name="answer"/> (a store's answer: accepted, rejected, failed) in the request's row, if it is still there.</summary>
    public async Task AnswerAsync(Guid id, string node, object answer, CancellationToken ct)
    {
        await using var connection = await tables.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            "UPDATE config_inbox SET answered_by = @node, answer_manifest = @manifest, answer = @answer WHERE request_id = @id AND answer IS NULL",
            ("@id", Key(id)), ("@node", node), ("@manifest", ConfigStoreMessageSerializer.ManifestFor(answer)),
            ("@answer", Encoding.UTF8.GetString(ConfigStoreMessageSerializer.Encode(answer))));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The answer to the request; null while it has none (or its row is gone).</summary>
    public async Task<InboxAnswer?> ReadAnswerAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await tables.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            "SELECT answered_by, answer_manifest, answer FROM config_inbox WHERE request_id = @id AND answer IS NOT NULL", ("@id", Key(id)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var answer = ConfigStoreMessageSerializer.Decode(Encoding.UTF8.GetBytes(reader.GetString(2)), reader.GetString(1));
        return new InboxAnswer(answer, reader.GetString(0));
    }

    /// <summary>Deletes the request's row (read, or given up); <paramref name="onlyUnanswered"/>: only if no answer came meanwhile. True if a row was deleted.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct, bool onlyUnanswered = false)
    {
        await using var connection = await tables.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            "DELETE FROM config_inbox WHERE request_id = @id" + (onlyUnanswered ? " AND answer IS NULL" : ""), ("@id", Key(id)));
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Deletes rows older than <paramref name="age"/> (answers no client came back for); how many.</summary>
    public async Task<int> PurgeAsync(TimeSpan age, CancellationToken ct)
    {
        await using var connection = await tables.OpenAsync(ct);
        await using var command = ConfigWriterTables.Command(connection,
            $"DELETE FROM config_inbox WHERE submitted_at < {tables.Now} - @age", ("@age", age.TotalSeconds));
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static string Key(Guid id) => id.ToString("D");

    private static InboxRequest Read(string key, string manifest, string payload)
    {
        var id = Guid.Parse(key);
        try
        {
            return ConfigStoreMessageSerializer.Decode(Encoding.UTF8.GetBytes(payload), manifest) is IConfigWrite write
                ? new InboxRequest(id, write) : new InboxRequest(id, null, $"'{manifest}' is not a configuration change");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Runtime.Serialization.SerializationException or NotSupportedException)
        {
            return new InboxRequest(id, null, e.Message);
        }
    }
}
