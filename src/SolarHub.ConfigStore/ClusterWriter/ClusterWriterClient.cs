using System.Data.Common;
using System.Diagnostics;

namespace SolarHub.ConfigStore.ClusterWriter;

/// <summary>
/// How a client outside the cluster (the CLI) hands a write to the cluster's configuration writer: it finds the
/// writer's lease fresh, puts the write in the inbox and polls for the answer. The answer may take as long as the
/// singleton takes to move (about 10 s when its node dies: the next writer takes the same row); after
/// <see cref="AnswerDeadline"/> the request is withdrawn. Without a fresh lease the client writes the journal itself.
/// </summary>
public sealed class ClusterWriterClient(ConfigWriterTables tables)
{
    public static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(150);
    /// <summary>When a waiting client first says it waits, then how often.</summary>
    public static readonly TimeSpan WaitingSaidAfter = TimeSpan.FromSeconds(2), WaitingSaidEvery = TimeSpan.FromSeconds(10);

    private readonly WriterLeaseTable _lease = new(tables);
    private readonly ConfigInbox _inbox = new(tables);

    /// <summary>The cluster writer's lease when it is fresh; null when no writer is alive (or the database cannot say: the client then writes itself, and reports the database's problem as before).</summary>
    public async Task<WriterLease?> LiveWriterAsync(CancellationToken ct)
    {
        try { return await _lease.ReadAsync(ct) is { IsFresh: true } lease ? lease : null; }
        catch (DbException) { return null; }
    }

    /// <param name="waiting">Called after <see cref="WaitingSaidAfter"/>, then every <see cref="WaitingSaidEvery"/>, with the time waited and the writer the lease names now (null: none is alive).</param>
    /// <exception cref="ConfigWriterSilentException">No answer within <paramref name="deadline"/> (default <see cref="AnswerDeadline"/>); the request was withdrawn.</exception>
    public async Task<InboxAnswer> SendAsync(IConfigWrite write, WriterLease lease, Action<TimeSpan, string?> waiting, CancellationToken ct, TimeSpan? deadline = null)
    {
        var id = write.RequestId ?? throw new ArgumentException("a write through the inbox needs a request id", nameof(write));
        var clock = Stopwatch.StartNew();
        var sayAt = WaitingSaidAfter;
        await _inbox.SubmitAsync(write, ct);
        try
        {
            while (true)
            {
                if (await _inbox.ReadAnswerAsync(id, ct) is { } answer)
                {
                    await _inbox.DeleteAsync(id, ct);
                    return answer;
                }
                if (clock.Elapsed >= sayAt)
                {
                    waiting(clock.Elapsed, (await LiveWriterAsync(ct))?.Node);
                    sayAt += WaitingSaidEvery;
                }
                if (clock.Elapsed >= (deadline ?? AnswerDeadline))
                {
                    // An answer may have come just now: only an unanswered request is withdrawn.
                    if (await _inbox.DeleteAsync(id, ct, onlyUnanswered: true)) throw new ConfigWriterSilentException(lease.Node, clock.Elapsed);
                    continue;
                }
                await Task.Delay(PollEvery, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled (Ctrl-C): no writer should apply a change its user gave up on, unless it already did.
            using var briefly = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await _inbox.DeleteAsync(id, briefly.Token, onlyUnanswered: true); }
            catch (Exception e) when (e is DbException or OperationCanceledException) { }
            throw;
        }
    }
}

/// <summary>The cluster's configuration writer did not answer a request in time; the request was withdrawn from the inbox.</summary>
public sealed class ConfigWriterSilentException(string node, TimeSpan waited)
    : Exception($"the cluster's configuration writer ({node}) did not answer within {waited.TotalSeconds:0} s and the request was withdrawn; " +
        "if the writer was storing it just then it may be stored: 'solarhub config show' tells")
{
    public string Node { get; } = node;
}
