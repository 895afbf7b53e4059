using System.Net;
using SolarHub.Node.Api;
using SolarHub.Node.Api.Actors;
using SolarHub.Node.Api.Cluster;

namespace SolarHub.Cli.Inspection;

/// <summary>The node's read-only API, typed: what the inspection verbs ask for.</summary>
public static class NodeQueries
{
    public const string BanksPath = "/api/banks";
    public const string ActorsPath = "/api/actors";
    public const string EventsPath = "/api/events";
    public const string ClusterPath = "/api/cluster";
    public const string AlertsPath = "/api/alerts";

    /// <summary><c>/api/cluster/members/{node}/{action}</c>, action <c>leave</c> or <c>down</c>.</summary>
    public static string MemberPath(string node, string action) => $"{ClusterPath}/members/{Uri.EscapeDataString(node)}/{action}";

    public static string ActorsPathFor(bool includeStreams, string? member)
    {
        var query = new List<string>();
        if (includeStreams) query.Add("all=true");
        if (!string.IsNullOrEmpty(member)) query.Add($"node={Uri.EscapeDataString(member)}");
        return query.Count == 0 ? ActorsPath : $"{ActorsPath}?{string.Join('&', query)}";
    }

    public static string BankPath(string bankId) => $"{BanksPath}/{Uri.EscapeDataString(bankId)}";

    public static string EventsPathFor(EventFilter filter)
    {
        var kinds = $"kinds={string.Join(',', filter.Kinds)}";
        return filter.BankId is null ? $"{EventsPath}?{kinds}" : $"{EventsPath}?bank={Uri.EscapeDataString(filter.BankId)}&{kinds}";
    }

    public static async Task<(NodeAnswer Answer, IReadOnlyList<BankSummary> Banks)> GetBanksAsync(NodeClient node, CancellationToken ct)
    {
        var answer = (await node.GetAsync(BanksPath, ct)).EnsureSuccess();
        var banks = NodeJson.Read<List<BankSummary>>(answer);
        return (answer, banks.OrderBy(b => b.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>A bank's details; an unknown bank fails with <see cref="InspectionExitCode.UnknownBank"/>, naming the banks the node runs.</summary>
    public static async Task<(NodeAnswer Answer, BankDetails Bank)> GetBankAsync(NodeClient node, string bankId, CancellationToken ct)
    {
        var answer = await node.GetAsync(BankPath(bankId), ct);
        if (answer.Status == HttpStatusCode.NotFound) throw await UnknownBank(node, bankId, ct);
        return (answer, NodeJson.Read<BankDetails>(answer.EnsureSuccess()));
    }

    /// <summary>The alerts raised now for the bank; null from a node that has no alerts (an older SolarHub).</summary>
    public static async Task<RaisedAlerts?> GetRaisedAlertsAsync(NodeClient node, string bankId, CancellationToken ct)
    {
        var answer = await node.GetAsync($"{AlertsPath}?bank={Uri.EscapeDataString(bankId)}", ct);
        return answer.Status == HttpStatusCode.NotFound ? null : NodeJson.Read<RaisedAlerts>(answer.EnsureSuccess());
    }

    /// <summary>The actor tree of the node, or of the cluster member named <paramref name="member"/> (an unknown one fails with <see cref="InspectionExitCode.UnknownMember"/>).</summary>
    public static async Task<(NodeAnswer Answer, ActorNode Root)> GetActorsAsync(NodeClient node, bool includeStreams, CancellationToken ct, string? member = null)
    {
        var answer = (await node.GetAsync(ActorsPathFor(includeStreams, member), ct)).EnsureSuccess(UnknownMember);
        return (answer, NodeJson.Read<ActorNode>(answer));
    }

    public static async Task<(NodeAnswer Answer, ClusterView Cluster)> GetClusterAsync(NodeClient node, CancellationToken ct)
    {
        var answer = (await node.GetAsync(ClusterPath, ct)).EnsureSuccess();
        return (answer, NodeJson.Read<ClusterView>(answer));
    }

    /// <summary>Asks a member to leave, or marks it down (<paramref name="action"/> <c>leave</c> or <c>down</c>), with the API token.</summary>
    public static async Task<(NodeAnswer Answer, ClusterEndpoints.ClusterMemberCommandResult Result)> ClusterMemberAsync(NodeClient node, string member,
        string action, string? token, CancellationToken ct)
    {
        var answer = await node.PostAsync(MemberPath(member, action), token, ct);
        if (answer.Status == HttpStatusCode.Unauthorized && token is null)
            throw new NodeAnswerException(InspectionExitCode.NodeError,
                $"the node at {node.Url} wants the API token: pass --token-file <file> or set {ApiTokenSource.EnvironmentVariable}", answer.Status);
        return (answer, NodeJson.Read<ClusterEndpoints.ClusterMemberCommandResult>(answer.EnsureSuccess(UnknownMember)));
    }

    /// <summary>A 404 whose error names a node the cluster does not have: what was named does not exist.</summary>
    private static NodeAnswerException? UnknownMember(NodeAnswer answer) =>
        answer.Status == HttpStatusCode.NotFound && answer.Error is { } error && error.StartsWith("no node '", StringComparison.Ordinal)
            ? new NodeAnswerException(InspectionExitCode.UnknownMember, $"{error} (asked the node at {answer.Url})", answer.Status)
            : null;

    private static async Task<NodeAnswerException> UnknownBank(NodeClient node, string bankId, CancellationToken ct)
    {
        string known;
        try
        {
            var (_, banks) = await GetBanksAsync(node, ct);
            known = banks.Count == 0 ? "; it runs no bank" : $"; it runs: {string.Join(", ", banks.Select(b => b.Id))}";
        }
        catch (Exception e) when (e is NodeAnswerException or NodeUnreachableException) { known = ""; }
        return new NodeAnswerException(InspectionExitCode.UnknownBank, $"no bank '{bankId}' on the node at {node.Url}{known}", HttpStatusCode.NotFound);
    }
}
