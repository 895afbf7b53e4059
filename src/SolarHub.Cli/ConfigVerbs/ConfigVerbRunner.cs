using Akka.Actor;
using SolarHub.Cli.Storage;
using SolarHub.ConfigStore;
using SolarHub.ConfigStore.ClusterWriter;
using SolarHub.Configuration;
using SolarHub.Configuration.Validation;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>Exit codes of the config verbs.</summary>
public static class ConfigExit
{
    public const int Ok = 0;
    /// <summary>The database could not be used, or the store did not answer.</summary>
    public const int Failed = 1;
    /// <summary>The input or the change is invalid (a bad file, an unknown bank, a rule broken): nothing was stored.</summary>
    public const int Invalid = 2;
}

/// <summary>What every verb shares: the <c>--database</c> value, a session on it, errors reported as one line and an exit code.</summary>
public sealed class ConfigVerbRunner(string verb, TextWriter output, TextWriter errors)
{
    public string Verb { get; } = verb;
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = errors;

    public static ConfigVerbRunner ForConsole(string verb) => new(verb, Console.Out, Console.Error);

    /// <summary>The node whose cluster writer answered this verb's write; null when this process wrote the journal (<see cref="WriteRoute"/>).</summary>
    public string? AnsweredBy { get; private set; }

    public int Error(string message, int exitCode = ConfigExit.Invalid)
    {
        // Messages quote ids and values users typed: shown safely, never raw to the terminal.
        Err.WriteLine(PrintableText.Escape($"{Verb}: {message}"));
        return exitCode;
    }

    /// <summary>Opens the database given by <c>--database</c> (or $SOLARHUB_DATABASE), runs <paramref name="body"/> on a session, closes it.</summary>
    /// <param name="readOnly">A verb that only reads (show, validate, export): a SQLite file that is not there is an error, and neither it nor its folder is created.</param>
    public async Task<int> WithSessionAsync(string? databaseOption, bool verbose, CancellationToken ct, Func<ConfigStoreSession, Task<int>> body, bool readOnly = false)
    {
        if (!DatabaseOption.TryParse(databaseOption, out var database, out var parseError, out int exitCode, createFolder: !readOnly))
            return Error(parseError, exitCode);
        if (readOnly && database!.SqliteFile is { } file && !File.Exists(file))
            return Error($"no configuration is stored in {database.Description}: the file does not exist (a mistyped --database? " +
                "'solarhub config import' or 'config bank add' creates it)", ConfigExit.Failed);
        if (await ConfigStoreSession.CheckReachableAsync(database!, ct) is { } unreachable)
            return Error(unreachable, ConfigExit.Failed);

        ConfigStoreSession? session = null;
        try
        {
            session = await ConfigSession.StartAsync(database!, verbose, ct);
            return await body(session);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Error("cancelled; nothing more was stored", ConfigExit.Failed);
        }
        catch (AskTimeoutException)
        {
            return Error($"the configuration store on {database!.Description} did not answer; nothing was stored by this command", ConfigExit.Failed);
        }
        catch (ConfigStoreUnavailableException e)
        {
            return Error($"{database!.Description}: {e.Message}", ConfigExit.Failed);
        }
        catch (ConfigWriterSilentException e)
        {
            return Error(e.Message, ConfigExit.Failed);
        }
        catch (System.Data.Common.DbException e)
        {
            // Only the inbox of the cluster's writer is used outside the store; the store reports its own failures.
            return Error($"{database!.Description}: the request to the cluster's configuration writer failed: {e.Message}", ConfigExit.Failed);
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
    }

    /// <summary>Stores <paramref name="changes"/> as one change set, through the cluster's writer when one is alive (<see cref="WriteRoute"/>).</summary>
    public Task<object> ProposeAsync(ConfigStoreSession session, IReadOnlyList<IConfigChange> changes, string source, CancellationToken ct, bool dryRun = false) =>
        WriteAsync(session, new ProposeChanges(changes, source, dryRun) { RequestId = Guid.NewGuid() }, dryRun, ct);

    /// <summary>Makes the stored configuration equal to <paramref name="target"/>, through the cluster's writer when one is alive.</summary>
    public Task<object> ReplaceAsync(ConfigStoreSession session, HubConfig target, string source, CancellationToken ct, bool dryRun = false) =>
        WriteAsync(session, new ReplaceConfig(target, source, dryRun) { RequestId = Guid.NewGuid() }, dryRun, ct);

    private async Task<object> WriteAsync(ConfigStoreSession session, IConfigWrite write, bool dryRun, CancellationToken ct)
    {
        var routed = await WriteRoute.SendAsync(session, write, dryRun, Err, ct);
        AnsweredBy = routed.Writer;
        // A change a node's writer stored is copied by that node; one stored here is copied here.
        if (routed.Writer is null && await session.KeepStartCopyAsync(routed.Answer) is { } problem)
            Err.WriteLine(PrintableText.Escape($"{Verb}: note: {problem}"));
        return routed.Answer;
    }

    /// <summary>Reads the stored configuration (a failure answer becomes an exception the runner reports).</summary>
    public static Task<StoredConfig> GetAsync(ConfigStoreSession session, CancellationToken ct) => ConfigStoreClient.GetAsync(session.Store, ct);

    /// <summary>
    /// Prints the store's answer to a change: one line per change (<see cref="IConfigChange.Describe"/>) and where it
    /// was stored; or every error, each naming the entity and field. Returns the exit code.
    /// </summary>
    public int Report(object answer, ConfigStoreSession session)
    {
        switch (answer)
        {
            case ChangesAccepted { Changes.Count: 0 } accepted:
                Out.WriteLine($"nothing to change (version {accepted.Version} in {session.Database.Description})");
                SayWriter();
                return ConfigExit.Ok;
            case ChangesAccepted accepted:
                foreach (var change in accepted.Changes) Out.WriteLine(PrintableText.Escape(change.Describe()));
                Out.WriteLine(accepted.Stored
                    ? $"stored as version {accepted.Version} in {session.Database.Description}"
                    : $"dry run: {Plural(accepted.Changes.Count, "change")} planned, nothing stored (version {accepted.Version} in {session.Database.Description})");
                SayWriter();
                return ConfigExit.Ok;
            case ChangesRejected rejected:
                ReportErrors(rejected.Errors);
                return Error($"{Plural(rejected.Errors.Count, "error")}; nothing stored");
            case ChangesFailed failed:
                return Error($"{failed.Reason}; nothing stored", ConfigExit.Failed);
            case Status.Failure failure:
                return Error($"{failure.Cause.Message}; nothing stored", ConfigExit.Failed);
            default:
                return Error($"unexpected answer from the configuration store: {answer}", ConfigExit.Failed);
        }
    }

    private void SayWriter()
    {
        if (AnsweredBy is { } node) Out.WriteLine(PrintableText.Escape($"answered by the cluster's configuration writer on {node}"));
    }

    /// <summary>An error located in a file prints as the compiler would (<c>config.yaml:7:17: path: message</c>); others after the verb.</summary>
    public void ReportErrors(IEnumerable<ConfigError> errors)
    {
        foreach (var error in errors) Err.WriteLine(error.Source is null ? $"{Verb}: {error}" : error.ToString());
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
