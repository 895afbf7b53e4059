using SolarHub.Node.Api.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SolarHub.Cli.Inspection;

/// <summary>
/// <c>solarhub watch</c> on a terminal: the status table (or one bank's report) redrawn every second, with the latest
/// adapter changes, failovers and alarms from the event stream beneath it.
/// </summary>
public static class LiveWatch
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);
    private const int EventsShown = 12;

    public static async Task<int> RunAsync(InspectionConsole console, NodeClient node, EventFilter filter, CancellationToken ct)
    {
        // The first view is fetched before the screen is taken, so "no node" and "no such bank" end the verb plainly.
        var view = await FetchView(console, node, filter.BankId, ct);
        string? problem = null;
        var recent = new RecentEvents(EventsShown);
        var follower = new EventFollower(node, filter with { BankTelemetry = false, PackTelemetry = false }, notice => recent.Add($"{Figures.Clock(DateTimeOffset.Now)} {notice}"));
        try
        {
            await follower.StartAsync(e =>
            {
                if (EventKinds.IsNotable(e.Kind) && filter.Accepts(e)) recent.Add(EventLine.Format(e));
                return ValueTask.CompletedTask;
            }, ct);
        }
        catch (NodeAnswerException e) when (EventFollower.IsMissingEndpoint(e))
        {
            recent.Add($"the node serves no event stream ({NodeQueries.EventsPath}): events are not shown, the view still refreshes");
        }

        await console.Console.Live(Compose(node, view, problem, recent)).AutoClear(false).StartAsync(async ctx =>
        {
            using var timer = new PeriodicTimer(RefreshInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    try
                    {
                        view = await FetchView(console, node, filter.BankId, ct);
                        problem = null;
                    }
                    catch (NodeUnreachableException e) { problem = $"no answer from the node ({e.Reason}); retrying"; }
                    catch (NodeAnswerException e) { problem = e.Message; }
                    ctx.UpdateTarget(Compose(node, view, problem, recent));
                    ctx.Refresh();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { /* Ctrl+C or --duration */ }
        });
        await follower.Following;
        return InspectionExitCode.Ok;
    }

    private static async Task<IRenderable> FetchView(InspectionConsole console, NodeClient node, string? bankId, CancellationToken ct)
    {
        if (bankId is null) return StatusTable.Render(console, (await NodeQueries.GetBanksAsync(node, ct)).Banks, node.Url);
        var bank = (await NodeQueries.GetBankAsync(node, bankId, ct)).Bank;
        return BankReport.Render(console, bank, DateTimeOffset.Now, await NodeQueries.GetRaisedAlertsAsync(node, bankId, ct));
    }

    private static IRenderable Compose(NodeClient node, IRenderable view, string? problem, RecentEvents recent)
    {
        var header = new Markup($"[bold]SolarHub[/] at {Markup.Escape(node.Url)}   {Figures.Clock(DateTimeOffset.Now)}   [grey](Ctrl+C to stop)[/]" +
            (problem is null ? "" : $"\n[red]{Markup.Escape(problem)}[/]"));
        var lines = recent.Snapshot();
        IRenderable events = lines.Count == 0
            ? new Text("none yet", new Style(Color.Grey))
            : new Rows(lines.Select(l => (IRenderable)new Text(l)));
        var panel = new Panel(events) { Header = new PanelHeader("Adapter changes, failovers, alarms"), Expand = true };
        return new Rows(header, view, panel);
    }
}
