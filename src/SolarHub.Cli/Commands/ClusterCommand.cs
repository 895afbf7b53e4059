using System.CommandLine;
using SolarHub.Cli.Inspection;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub cluster show|leave|down</c>: the cluster as a node sees it, and a member told to leave or marked down.</summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Inspect a SolarHub cluster through any of its nodes (docs/cluster.md): its members, and a member told to leave or marked down.");
        command.Subcommands.Add(Show());
        command.Subcommands.Add(MemberAction("leave",
            "Ask the member named <node> to leave the cluster gracefully: it hands its banks over to the other nodes, then stops. Needs the API token."));
        command.Subcommands.Add(MemberAction("down",
            "Mark the member named <node> down (a node you know is gone): its banks start on the other nodes at once, without waiting " +
            "for the split brain resolver. It cannot rejoin without a restart. Needs the API token."));
        return command;
    }

    private static Command Show()
    {
        var node = new NodeTarget.Options();
        var command = new Command("show", "Show the cluster's members (node, address, status, reachable, leader) and the banks each runs.");
        foreach (var option in node.All) command.Options.Add(option);
        command.SetAction((pr, ct) => NodeVerb.RunAsync("cluster show", node, pr, async (client, token) =>
        {
            var (answer, cluster) = await NodeQueries.GetClusterAsync(client, token);
            if (client.Target.Json) Console.Out.WriteLine(answer.Body);
            else
            {
                var console = InspectionConsole.ForStandardOutput();
                console.Write(ClusterTable.Render(console, cluster, client.Url));
                if (console.Plain) Console.Out.WriteLine();
            }
            return InspectionExitCode.Ok;
        }, ct));
        return command;
    }

    private static Command MemberAction(string action, string description)
    {
        var member = new Argument<string>("node") { Description = "The member's node name (as 'solarhub cluster show' lists it, e.g. n3)." };
        var node = new NodeTarget.Options();
        var apiToken = new ApiTokenSource();
        var command = new Command(action, description) { member };
        foreach (var option in node.All) command.Options.Add(option);
        command.Options.Add(apiToken.File);
        command.SetAction(async (pr, ct) =>
        {
            if (!apiToken.TryRead(pr, out var token, out var error))
            {
                Console.Error.WriteLine($"solarhub cluster {action}: {error}");
                return InspectionExitCode.BadOption;
            }
            return await NodeVerb.RunAsync($"cluster {action}", node, pr, async (client, ct2) =>
            {
                var (answer, result) = await NodeQueries.ClusterMemberAsync(client, pr.GetValue(member)!, action, token, ct2);
                Console.Out.WriteLine(client.Target.Json ? answer.Body : result.Outcome);
                return InspectionExitCode.Ok;
            }, ct);
        });
        return command;
    }
}
