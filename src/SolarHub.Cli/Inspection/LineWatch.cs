using System.Text.Json.Nodes;

namespace SolarHub.Cli.Inspection;

/// <summary>
/// <c>solarhub watch</c> when output is redirected (or --json): one line per node event as it happens. Against a node
/// without <c>/api/events</c> it says so on stderr and prints each bank's status every second instead.
/// </summary>
public static class LineWatch
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(NodeClient node, EventFilter filter, TextWriter output, CancellationToken ct)
    {
        if (filter.BankId is { } bankId) await NodeQueries.GetBankAsync(node, bankId, ct); // an unknown bank fails here, not silently
        bool json = node.Target.Json;
        var follower = new EventFollower(node, filter, Notice);
        try
        {
            await follower.StartAsync(e =>
            {
                if (filter.Accepts(e)) output.WriteLine(json ? EventLine.Json(e) : EventLine.Format(e));
                return ValueTask.CompletedTask;
            }, ct);
        }
        catch (NodeAnswerException e) when (EventFollower.IsMissingEndpoint(e))
        {
            Notice($"the node at {node.Url} serves no event stream ({NodeQueries.EventsPath}); printing its banks every second instead");
            await PollAsync(node, filter.BankId, json, output, ct);
            return InspectionExitCode.Ok;
        }
        await follower.Following;
        return InspectionExitCode.Ok;
    }

    private static void Notice(string text) => Console.Error.WriteLine($"solarhub watch: {text}");

    private static async Task PollAsync(NodeClient node, string? bankId, bool json, TextWriter output, CancellationToken ct)
    {
        var active = new Dictionary<string, string?>();
        bool answered = false, reachable = true;
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            NodeAnswer answer;
            IReadOnlyList<BankSummary> banks;
            try
            {
                if (bankId is null) (answer, banks) = await NodeQueries.GetBanksAsync(node, ct);
                else
                {
                    var (a, details) = await NodeQueries.GetBankAsync(node, bankId, ct);
                    (answer, banks) = (a, [BankSummary.From(details)]);
                }
                if (!reachable) Notice($"the node at {node.Url} answers again");
                answered = reachable = true;
            }
            catch (NodeUnreachableException e) when (answered)
            {
                if (reachable) Notice($"lost the node at {node.Url} ({e.Reason}); retrying");
                reachable = false;
                continue;
            }

            var now = DateTimeOffset.Now;
            if (json) output.WriteLine(JsonNode.Parse(answer.Body)?.ToJsonString() ?? "null");
            foreach (var bank in banks)
            {
                if (active.TryGetValue(bank.Id, out var before) && before != bank.ActiveAdapter && !json)
                    output.WriteLine(StatusLine.ActiveChanged(bank.Id, before, bank.ActiveAdapter, now));
                active[bank.Id] = bank.ActiveAdapter;
                if (!json) output.WriteLine(StatusLine.Format(bank, now));
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
