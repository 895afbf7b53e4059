using System.CommandLine;
using SolarHub.Cli.Commands;

var root = new RootCommand("SolarHub: monitors JK BMS battery banks on an RS485 bus, with failover between adapters.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(DecodeCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(BankCommand.Create());
root.Subcommands.Add(ActorsCommand.Create());
root.Subcommands.Add(WatchCommand.Create());
root.Subcommands.Add(HistoryCommand.Create());
// Ctrl+C and SIGTERM cancel the running verb's token (and give it time to shut down) instead of killing the process.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) };
return await root.Parse(args).InvokeAsync(invocation);
