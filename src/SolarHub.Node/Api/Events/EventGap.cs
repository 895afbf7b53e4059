namespace SolarHub.Node.Api.Events;

/// <summary>
/// The data of an <c>event: gap</c>: the client resumed after <see cref="LastEventId"/>, but the events after it are
/// no longer (or never were) in the replay buffer, so some are lost. The replay then starts at
/// <see cref="FirstAvailableId"/> (null: nothing buffered, live events follow).
/// </summary>
public sealed record EventGap(string LastEventId, string? FirstAvailableId, string Reason)
{
    public const string Kind = "gap";

    /// <summary>An id is echoed back as the client sent it, cut to this length: a header may hold kilobytes of anything.</summary>
    public const int MaxEchoedId = 64;

    public string LastEventId { get; } = LastEventId.Length <= MaxEchoedId ? LastEventId : LastEventId[..MaxEchoedId] + "…";
}
