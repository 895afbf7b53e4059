using System.CommandLine;
using SolarHub.Cli.Inspection;

namespace SolarHub.Cli.Commands;

/// <summary><c>solarhub bank &lt;id&gt;</c>: one bank of the running node in detail.</summary>
public static class BankCommand
{
    public static Command Create()
    {
        var bankId = new Argument<string>("id") { Description = "The bank's id (see 'solarhub status')." };
        var node = new NodeTarget.Options();
        var command = new Command("bank", "Show one bank of a running node: state, alerts raised, adapters (state, heartbeat, bytes, frames, errors, restarts), " +
            "packs (freshness, SOC, voltage, current, cells, temperatures), totals and the last failovers.")
        {
            bankId,
        };
        foreach (var option in node.All) command.Options.Add(option);
        command.SetAction((pr, ct) => NodeVerb.RunAsync("bank", node, pr, async (client, token) =>
        {
            var (answer, bank) = await NodeQueries.GetBankAsync(client, pr.GetValue(bankId)!, token);
            if (client.Target.Json) Console.Out.WriteLine(answer.Body);
            else
            {
                var alerts = await NodeQueries.GetRaisedAlertsAsync(client, bank.Id, token);
                var console = InspectionConsole.ForStandardOutput();
                console.Write(BankReport.Render(console, bank, DateTimeOffset.Now, alerts));
            }
            return InspectionExitCode.Ok;
        }, ct));
        return command;
    }
}
