using System.CommandLine;
using SolarHub.Cli.Inspection;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub status</c>: a table of the running node's banks.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var node = new NodeTarget.Options();
        var command = new Command("status", "Show the banks of a running node: state, active adapter, packs fresh/total, SOC, power, voltage, current.");
        foreach (var option in node.All) command.Options.Add(option);
        command.SetAction((pr, ct) => NodeVerb.RunAsync("status", node, pr, async (client, token) =>
        {
            var (answer, banks) = await NodeQueries.GetBanksAsync(client, token);
            if (client.Target.Json) Console.Out.WriteLine(answer.Body);
            else
            {
                var console = InspectionConsole.ForStandardOutput();
                console.Write(StatusTable.Render(console, banks, client.Url));
            }
            return InspectionExitCode.Ok;
        }, ct));
        return command;
    }
}
