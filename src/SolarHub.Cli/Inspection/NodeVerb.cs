namespace SolarHub.Cli.Inspection;

/// <summary>
/// Runs an inspection verb against a node: one clear line on stderr and a documented exit code for every failure
/// (no node, unknown bank, a bad answer), never a stack trace.
/// </summary>
public static class NodeVerb
{
    public static async Task<int> RunAsync(string verb, NodeTarget.Options options, System.CommandLine.ParseResult pr,
        Func<NodeClient, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        if (!options.TryRead(pr, out var target, out var error))
        {
            Console.Error.WriteLine($"solarhub {verb}: {error}");
            return InspectionExitCode.BadOption;
        }
        using var node = new NodeClient(target);
        try
        {
            return await body(node, ct);
        }
        catch (NodeUnreachableException e)
        {
            Console.Error.WriteLine($"solarhub {verb}: no SolarHub node answers at {e.Url} ({e.Reason}). Start one with 'solarhub run' or pass --url.");
            return InspectionExitCode.NoNode;
        }
        catch (NodeAnswerException e)
        {
            Console.Error.WriteLine($"solarhub {verb}: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return InspectionExitCode.Ok; // Ctrl+C: the user asked to stop
        }
    }
}
