using System.CommandLine;
using SolarHub.Cli.Inspection;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub actors</c>: the running node's actor hierarchy.</summary>
public static class ActorsCommand
{
    public static Command Create()
    {
        var node = new NodeTarget.Options();
        var command = new Command("actors", "Show the live actor hierarchy of a running node under SolarHub's root, each actor with its role.");
        var all = new Option<bool>("--all") { Description = "Also show Akka.Streams' own actors (StreamSupervisor-*, Flow-*), which the node leaves out by default." };
        var member = new Option<string?>("--node") { Description = "On a cluster: show the tree of the member with this node name (e.g. n2), asked through the node at --url." };
        foreach (var option in node.All) command.Options.Add(option);
        command.Options.Add(all);
        command.Options.Add(member);
        command.SetAction((pr, ct) => NodeVerb.RunAsync("actors", node, pr, async (client, token) =>
        {
            var (answer, root) = await NodeQueries.GetActorsAsync(client, pr.GetValue(all), token, pr.GetValue(member));
            if (client.Target.Json) Console.Out.WriteLine(answer.Body);
            else
            {
                var console = InspectionConsole.ForStandardOutput();
                console.Write(ActorTreeView.Render(console, root));
                if (console.Plain) Console.Out.WriteLine();
            }
            return InspectionExitCode.Ok;
        }, ct));
        return command;
    }
}
