namespace SolarHub.History.Recording;

/// <summary>Samples for the <see cref="HistoryWriter"/> to buffer and write.</summary>
public sealed record HistoryBatch(IReadOnlyList<HistorySample> Samples);

/// <summary>Write everything buffered now; answered with <see cref="HistoryFlushed"/> once written or once a write failed.</summary>
public sealed class FlushHistory
{
    public static readonly FlushHistory Instance = new();
    private FlushHistory() { }
}

/// <param name="Buffered">Samples still waiting (non-zero when the database failed).</param>
public sealed record HistoryFlushed(int Buffered);

/// <summary>Asks the <see cref="HistoryWriter"/> for its <see cref="HistoryStatus"/>.</summary>
public sealed class GetHistoryStatus
{
    public static readonly GetHistoryStatus Instance = new();
    private GetHistoryStatus() { }
}

/// <summary>
/// The writer's health, e.g. for <c>/health</c>. <see cref="FailingSince"/> is set while writes fail (the samples wait
/// in the buffer); <see cref="FailedWrites"/> counts failed write attempts and <see cref="DroppedTotal"/> counts samples lost to a full buffer since the node started.
/// </summary>
public sealed record HistoryStatus(
    string Database,
    int Buffered,
    int BufferLimit,
    long Written,
    long FailedWrites,
    long DroppedTotal,
    DateTimeOffset? LastWriteAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? FailingSince)
{
    public bool Healthy => FailingSince is null;
}

/// <summary>The answer to a <see cref="Querying.HistoryQuery"/> that the database could not answer.</summary>
public sealed record HistoryQueryFailed(string Error);
