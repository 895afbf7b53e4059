namespace SolarHub.Core.Alerts;

/// <summary>
/// One <see cref="AlertsReport"/> for a whole cluster from its members' own. Each node judges only the banks it runs, so
/// the alerts raised now are the union of theirs, each naming its node. The rules are the configuration's, which the
/// nodes share: the answering node's stand for all. The webhook's counts are added up, since each node POSTs its own
/// banks' raises and clears to the one webhook. Pure: asking the members is the node's part.
/// </summary>
public static class AlertsAcrossNodes
{
    /// <param name="own">The answering node's report.</param>
    /// <param name="others">Every other member's report by node name; null for one that did not answer in time.</param>
    /// <param name="banksPerNode">Which node runs which bank (sharding's placement), null when unknown. A node a bank is
    /// leaving may hold what it raised for it until it learns the bank left (<see cref="Telemetry.BankLeftNode"/>): only
    /// the node that runs the bank speaks for it.</param>
    public static AlertsReport Merge(AlertsReport own, string ownNode, IReadOnlyList<(string Node, AlertsReport? Report)> others,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? banksPerNode)
    {
        var answered = new List<(string Node, AlertsReport Report)> { (ownNode, own) };
        foreach (var (node, report) in others)
            if (report is not null) answered.Add((node, report));

        var runs = banksPerNode?.SelectMany(p => p.Value.Select(bank => (Bank: bank, Node: p.Key)))
            .ToDictionary(p => p.Bank, p => p.Node, StringComparer.Ordinal);
        var active = answered
            .SelectMany(a => a.Report.Active.Select(alert => alert with { Node = a.Node }))
            .Where(alert => runs is null || !runs.TryGetValue(alert.BankId, out var node) || node == alert.Node)
            // With the placement unknown, two nodes may hold one alert: the latest raise stands.
            .GroupBy(alert => (alert.BankId, alert.Kind, alert.Pack))
            .Select(same => same.MaxBy(alert => alert.Since)!)
            .OrderBy(alert => alert.BankId, StringComparer.Ordinal).ThenBy(alert => alert.Kind).ThenBy(alert => alert.Pack)
            .ToList();
        return own with
        {
            Active = active,
            WebhookStatus = Sum(answered.Select(a => a.Report.WebhookStatus)),
            Unanswered = others.Where(o => o.Report is null).Select(o => o.Node).Order(StringComparer.Ordinal).ToList(),
        };
    }

    // Null when no node has a webhook; the first error named, the answering node's before the others'.
    private static WebhookStatus? Sum(IEnumerable<WebhookStatus?> statuses)
    {
        WebhookStatus? sum = null;
        foreach (var s in statuses)
        {
            if (s is null) continue;
            sum = sum is null ? s : new WebhookStatus(sum.Delivered + s.Delivered, sum.Queued + s.Queued, sum.Dropped + s.Dropped,
                sum.Failures + s.Failures, sum.LastError ?? s.LastError);
        }
        return sum;
    }
}
