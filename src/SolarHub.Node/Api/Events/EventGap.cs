namespace SolarHub.Node.Api.Events;

/// <summary>
/// The data of an <c>event: gap</c>: the client resumed after <see cref="LastEventId"/>, but the events after it are
/// no longer (or never were) in the replay buffer, so some are lost. The replay then starts at
/// <see cref="FirstAvailableId"/> (null: nothing buffered, live events follow).
/// </summary>
public sealed record EventGap(string LastEventId, string? FirstAvailableId, string Reason)
{
    public const string Kind = "gap";
}
