using System.CommandLine;
using SolarHub.Cli.Commands;

var root = new RootCommand("SolarHub: monitors JK BMS battery banks on an RS485 bus, with failover between adapters.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(DecodeCommand.Create());
return await root.Parse(args).InvokeAsync();
