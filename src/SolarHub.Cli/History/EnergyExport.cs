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
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (!TryDay(request.To, today, "--to", out var to, out var error) || !TryDay(request.From, to.AddDays(-29), "--from", out var from, out error))
            return Fail(stderr, 2, error!);
        if (from > to) return Fail(stderr, 2, $"--from: {from:yyyy-MM-dd} is after --to ({to:yyyy-MM-dd})");
        byte? pack = null;
        if (request.Pack is not null)
        {
            if (!byte.TryParse(request.Pack, NumberStyles.None, CultureInfo.InvariantCulture, out var address) || address > 15)
                return Fail(stderr, 2, $"--pack: '{request.Pack}' is not a pack address (0 to 15)");
            pack = address;
        }
        if (!DatabaseOption.TryParse(request.Database, out var database, out error, out int exitCode, createFolder: false))
            return Fail(stderr, exitCode, error!);
        // Reading must not create an empty database where the user mistyped a path.
        if (database!.SqliteFile is { } file && !File.Exists(file))
            return Fail(stderr, 1, $"no database at {file} (--database or ${DatabaseOption.EnvironmentVariable})");

        var store = SqlEnergyStore.ForReading(database);
        IReadOnlyList<EnergyDay> days;
        try
        {
            days = await store.ReadDaysAsync(request.Bank, pack, from, to, ct);
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
        string what = pack is { } p ? $"pack {p} of bank '{request.Bank}'" : $"bank '{request.Bank}'";
        stderr.WriteLine(days.Count == 0
            ? $"history energy: no energy of {what} from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} in {store.Description}"
            : $"history energy: {days.Count} days of {what} from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {days.Sum(d => d.ChargedKwh):0.###} kWh charged, " +
              $"{days.Sum(d => d.DischargedKwh):0.###} kWh discharged{(request.Output is null ? "" : $", written to {request.Output}")}");
        return 0;
    }

    private static bool TryDay(string? text, DateOnly fallback, string name, out DateOnly day, out string? error)
    {
        error = null;
        day = fallback;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return true;
        error = $"{name}: '{text}' is not a date (YYYY-MM-DD, a UTC day)";
        return false;
    }

    private static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine($"history energy: {message}");
        return code;
    }
}
