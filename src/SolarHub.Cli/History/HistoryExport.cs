using System.Data.Common;
using System.Net.Sockets;
using SolarHub.Cli.Storage;
using SolarHub.Database;
using SolarHub.History.Querying;
using SolarHub.History.Storage;

namespace SolarHub.Cli.History;

/// <summary>
/// <c>solarhub history export</c>: reads the history straight from the database (no running node needed) and writes it
/// as CSV. Exit codes: 0 written, 1 the database failed or holds no history, 2 invalid input.
/// </summary>
public static class HistoryExport
{
    public sealed record Request(string Bank, string? From, string? To, string? Resolution, string? Pack, string Format, string? Output, string? Database);

    /// <summary>A progress line on stderr every this many rows.</summary>
    public const int ProgressEvery = 100_000;

    public static async Task<int> RunAsync(Request request, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!HistoryRequest.TryParse(request.Bank, request.From, request.To, request.Resolution, request.Pack, DateTimeOffset.UtcNow, name => "--" + name, out var query, out var error))
            return Fail(stderr, 2, error);
        if (!string.Equals(request.Format, "csv", StringComparison.OrdinalIgnoreCase))
            return Fail(stderr, 2, $"--format: '{request.Format}' is not supported (csv)");
        if (!DatabaseOption.TryParse(request.Database, out var database, out error, out int exitCode, createFolder: false))
            return Fail(stderr, exitCode, error);
        // Reading must not create an empty database where the user mistyped a path.
        if (database!.SqliteFile is { } file && !File.Exists(file))
            return Fail(stderr, 1, $"no database at {file} (--database or ${DatabaseOption.EnvironmentVariable})");

        // Read-only: an export may read a backup or the service user's file, and never creates anything in it.
        IHistoryStore store = SqlHistoryStore.ForReading(database);
        var resolution = query!.EffectiveResolution;
        string? temporary = request.Output is null ? null : request.Output + ".part";
        long rows = 0;
        try
        {
            await using (var output = temporary is null ? null : new StreamWriter(temporary))
            {
                var writer = (TextWriter?)output ?? stdout;
                var csv = new HistoryCsv(writer, query.Table, resolution);
                await using var points = store.ReadAsync(query, ct).GetAsyncEnumerator(ct);
                // The first read opens the database: when that fails, not even the header has been written.
                bool more = await points.MoveNextAsync();
                csv.WriteHeader();
                for (; more; more = await points.MoveNextAsync())
                {
                    csv.Write(points.Current);
                    if (++rows % ProgressEvery == 0) stderr.WriteLine($"history export: {rows} rows...");
                }
                await writer.FlushAsync(ct);
            }
            // Written whole or not at all: a failed export leaves no half file behind.
            if (temporary is not null) File.Move(temporary, request.Output!, overwrite: true);
        }
        catch (OperationCanceledException)
        {
            return Abandon(130, "cancelled; nothing written");
        }
        catch (MissingHistoryException e)
        {
            return Abandon(1, e.Message);
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return Abandon(1, $"{store.Description}: {e.GetBaseException().Message}");
        }

        string what = query.Pack is { } p ? $"pack {p} of bank '{query.BankId}'" : $"bank '{query.BankId}'";
        stderr.WriteLine(rows == 0
            ? $"history export: no {resolution.ToString().ToLowerInvariant()} history of {what} from {query.From:O} to {query.To:O} in {store.Description}"
            : $"history export: {rows} {resolution.ToString().ToLowerInvariant()} rows of {what} from {query.From:O} to {query.To:O}{(request.Output is null ? "" : $" written to {request.Output}")}");
        return 0;

        // A failed export leaves no partial file behind.
        int Abandon(int code, string message)
        {
            if (temporary is not null) try { File.Delete(temporary); } catch (IOException) { }
            return Fail(stderr, code, message);
        }
    }

    private static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine($"history export: {message}");
        return code;
    }
}
