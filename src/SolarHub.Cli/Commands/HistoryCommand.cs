using System.CommandLine;
using SolarHub.Cli.History;
using SolarHub.Cli.Storage;
using SolarHub.History.Querying;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub history export|energy</c>: recorded telemetry history and energy out of the database (docs/history.md).</summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var command = new Command("history", "The telemetry history recorded in the database: samples every 10 s, hourly and daily aggregates.");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Energy());
        return command;
    }

    private static Command Energy()
    {
        var bank = new Option<string>("--bank", "-b") { Description = "The bank whose energy to export.", Required = true };
        var from = new Option<string?>("--from") { Description = "First UTC day (inclusive), YYYY-MM-DD. Default: 29 days before --to." };
        var to = new Option<string?>("--to") { Description = "Last UTC day (inclusive), YYYY-MM-DD. Default: today." };
        var pack = new Option<string?>("--pack", "-p") { Description = "A pack address: that pack's energy instead of the bank's." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (replaced only once complete) instead of stdout." };
        var database = DatabaseOption.Create();
        var energy = new Command("energy", "Write a bank's (or a pack's) energy charged and discharged per UTC day as CSV (day,charged_kwh,discharged_kwh). " +
            "Reads the database directly: no running node needed. Exit codes: 0 written, 1 database failure, 2 invalid input.")
        {
            bank, from, to, pack, output, database,
        };
        energy.SetAction((pr, ct) => EnergyExport.RunAsync(
            new EnergyExport.Request(pr.GetValue(bank)!, pr.GetValue(from), pr.GetValue(to), pr.GetValue(pack), pr.GetValue(output), pr.GetValue(database)),
            Console.Out, Console.Error, ct));
        return energy;
    }

    private static Command Export()
    {
        var bank = new Option<string>("--bank", "-b") { Description = "The bank whose history to export.", Required = true };
        var from = new Option<string?>("--from") { Description = "Start (inclusive), ISO-8601, e.g. 2026-11-24T00:00:00Z (UTC when no offset is given). Default: 24 h before --to." };
        var to = new Option<string?>("--to") { Description = "End (exclusive), ISO-8601. Default: now." };
        var resolution = new Option<string>("--resolution", "-r")
        {
            Description = "raw (every sample), hour or day (aggregates: samples, avg, min, max), or auto: raw up to 2 days, hour up to 90 days, day beyond.",
            DefaultValueFactory = _ => "auto",
        };
        var pack = new Option<string?>("--pack", "-p") { Description = "A pack address: that pack's values instead of the bank's totals." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (replaced only once the export is complete) instead of stdout." };
        var database = DatabaseOption.Create();
        var export = new Command("export", "Write a bank's (or a pack's) history as CSV: a header row, ISO-8601 UTC times, invariant numbers. " +
            "Reads the database directly: no running node needed. Exit codes: 0 written, 1 database failure, 2 invalid input.")
        {
            bank, from, to, resolution, pack, format, output, database,
        };
        export.SetAction((pr, ct) => HistoryExport.RunAsync(
            new HistoryExport.Request(pr.GetValue(bank)!, pr.GetValue(from), pr.GetValue(to), pr.GetValue(resolution), pr.GetValue(pack),
                pr.GetValue(format)!, pr.GetValue(output), pr.GetValue(database)),
            Console.Out, Console.Error, ct));
        return export;
    }
}
