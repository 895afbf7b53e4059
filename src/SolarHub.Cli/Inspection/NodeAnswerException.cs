using System.Net;

namespace SolarHub.Cli.Inspection;

/// <summary>The node answered, but not with what the verb needs; the message is for users, the exit code for scripts.</summary>
public sealed class NodeAnswerException(int exitCode, string message, HttpStatusCode? status = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The HTTP status of the answer, when the failure is one.</summary>
    public HttpStatusCode? Status { get; } = status;
}
