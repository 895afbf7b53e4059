using System.CommandLine;
using Microsoft.Data.Sqlite;
using SolarHub.Bench;
using SolarHub.Database;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub bench history</c>: its options, checked, then <see cref="HistoryBench"/>.</summary>
public static class HistoryBenchCommand
{
    public static Command Create()
    {
        var banks = new Option<int>("--banks") { Description = "Banks sampled in the write test.", DefaultValueFactory = _ => 100 };
        var packs = new Option<int>("--packs") { Description = "Packs per bank.", DefaultValueFactory = _ => 16 };
        var minutes = new Option<int>("--minutes") { Description = "Minutes of 10-s samples to write.", DefaultValueFactory = _ => 20 };
        var days = new Option<int>("--days") { Description = "Days of history of one bank (every 60 s) to query.", DefaultValueFactory = _ => 30 };
        var database = new Option<string?>("--database") { Description = "An empty database to use (default: a new SQLite file in the temp folder, deleted afterwards)." };
        var command = new Command("history", "Measure the history store: sustained insert rate, aggregation cost, query times at each resolution.")
        {
            banks, packs, minutes, days, database,
        };
        command.SetAction(async (pr, ct) =>
        {
            foreach (var (option, max) in new[] { (banks, 10_000), (packs, 32), (minutes, 24 * 60), (days, 3650) })
            {
                if (pr.GetValue(option) is >= 1 and var value && value <= max) continue;
                Console.Error.WriteLine($"bench history: {option.Name} must be between 1 and {max}, got {pr.GetValue(option)}.");
                return 2;
            }
            var path = pr.GetValue(database);
            string? temp = path is null ? Path.Combine(Path.GetTempPath(), $"solarhub-bench-{Guid.NewGuid():N}", "history.db") : null;
            try
            {
                var summary = await HistoryBench.RunAsync(ConfigDatabase.Parse(path ?? temp), pr.GetValue(banks), pr.GetValue(packs), pr.GetValue(minutes), pr.GetValue(days), Console.Out, ct);
                Console.Out.WriteLine(summary);
                return 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine("bench history: cancelled");
                return 130;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or System.Net.Sockets.SocketException or IOException)
            {
                Console.Error.WriteLine($"bench history: {e.GetBaseException().Message}");
                return 1;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (temp is not null) try { Directory.Delete(Path.GetDirectoryName(temp)!, recursive: true); } catch (IOException) { }
            }
        });
        return command;
    }
}
