using System.Net;
using System.Text.Json.Nodes;

namespace SolarHub.Cli.Inspection;

/// <summary>The node's answer to one request (a GET unless <see cref="Method"/> says otherwise): status and body, with where it came from for messages.</summary>
public sealed record NodeAnswer(string Url, string Path, HttpStatusCode Status, string Body)
{
    public string Method { get; init; } = "GET";

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The <c>error</c> field of an error answer ({"error":"..."}), when there is one.</summary>
    public string? Error
    {
        get
        {
            try { return JsonNode.Parse(Body)?["error"]?.GetValue<string>(); }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException) { return null; }
        }
    }

    /// <summary>Fails with <see cref="InspectionExitCode.NodeError"/> unless the node answered with success.</summary>
    public NodeAnswer EnsureSuccess() => IsSuccess ? this : throw Failure();

    /// <summary>As <see cref="EnsureSuccess()"/>, but <paramref name="special"/> may tell a failure of its own (e.g. an unknown member).</summary>
    public NodeAnswer EnsureSuccess(Func<NodeAnswer, NodeAnswerException?> special) => IsSuccess ? this : throw (special(this) ?? Failure());

    /// <summary>What to tell the user about an error answer.</summary>
    public NodeAnswerException Failure()
    {
        var detail = Error is { } error ? $": {error}" : "";
        var hint = Status == HttpStatusCode.NotFound && Error is null ? " (an older SolarHub node, or not SolarHub?)" : "";
        return new NodeAnswerException(InspectionExitCode.NodeError,
            $"the node at {Url} answered {Method} {Path} with {(int)Status} {Status}{detail}{hint}", Status);
    }
}
