using System.Net;
using SolarHub.Node.Api.Actors;

namespace SolarHub.Cli.Inspection;

/// <summary>The node's read-only API, typed: what the inspection verbs ask for.</summary>
public static class NodeQueries
{
    public const string BanksPath = "/api/banks";
    public const string ActorsPath = "/api/actors";
    public const string EventsPath = "/api/events";

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

    public static async Task<(NodeAnswer Answer, ActorNode Root)> GetActorsAsync(NodeClient node, bool includeStreams, CancellationToken ct)
    {
        var answer = (await node.GetAsync(includeStreams ? ActorsPath + "?all=true" : ActorsPath, ct)).EnsureSuccess();
        return (answer, NodeJson.Read<ActorNode>(answer));
    }

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
