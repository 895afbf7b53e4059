using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using SolarHub.Cli.Storage;
using SolarHub.History.Energy;
using SolarHub.History.Storage;

namespace SolarHub.Cli.History;

/// <summary>
/// <c>solarhub history energy</c>: a bank's (or a pack's) energy per UTC day, read straight from the database (no
/// running node needed), as CSV. Exit codes: 0 written, 1 the database failed or holds no energy, 2 invalid input.
/// </summary>
public static class EnergyExport
{
    public sealed record Request(string Bank, string? From, string? To, string? Pack, string? Output, string? Database);

    public static async Task<int> RunAsync(Request request, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!EnergyRequest.TryParse(request.Bank, request.From, request.To, request.Pack, DateOnly.FromDateTime(DateTime.UtcNow), name => "--" + name,
                out var query, out var error))
            return Fail(stderr, 2, error);
        if (!DatabaseOption.TryParse(request.Database, out var database, out var databaseError, out int exitCode, createFolder: false))
            return Fail(stderr, exitCode, databaseError!);
        // Reading must not create an empty database where the user mistyped a path.
        if (database!.SqliteFile is { } file && !File.Exists(file))
            return Fail(stderr, 1, $"no database at {file} (--database or ${DatabaseOption.EnvironmentVariable})");

        var store = SqlEnergyStore.ForReading(database);
        IReadOnlyList<EnergyDay> days;
        try
        {
            days = await store.ReadDaysAsync(query!.BankId, query.Pack, query.From, query.To, ct);
        }
        catch (OperationCanceledException)
        {
            return Fail(stderr, 130, "cancelled; nothing written");
        }
        catch (MissingHistoryException)
        {
            return Fail(stderr, 1, $"{store.Description} holds no energy counters (no table energy_daily): they are recorded by a node that runs with this database");
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, 1, $"{store.Description}: {e.GetBaseException().Message}");
        }

        var csv = EnergyCsv.Write(days);
        try
        {
            if (request.Output is null) await stdout.WriteAsync(csv);
            else
            {
                // Written whole or not at all.
                await File.WriteAllTextAsync(request.Output + ".part", csv, ct);
                File.Move(request.Output + ".part", request.Output, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, 1, $"{request.Output}: {e.Message}");
        }
        string what = query.Pack is { } p ? $"pack {p} of bank '{request.Bank}'" : $"bank '{request.Bank}'";
        var (from, to) = (query.From, query.To);
        stderr.WriteLine(days.Count == 0
            ? $"history energy: no energy of {what} from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} in {store.Description}"
            : $"history energy: {days.Count} days of {what} from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {days.Sum(d => d.ChargedKwh):0.###} kWh charged, " +
              $"{days.Sum(d => d.DischargedKwh):0.###} kWh discharged{(request.Output is null ? "" : $", written to {request.Output}")}");
        return 0;
    }

    private static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine($"history energy: {message}");
        return code;
    }
}
