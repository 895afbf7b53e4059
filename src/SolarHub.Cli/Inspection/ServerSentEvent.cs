namespace SolarHub.Cli.Inspection;

/// <summary>
/// One event of a text/event-stream: its kind (the <c>event:</c> field), its data (one JSON document for SolarHub)
/// and the last event id so far (the <c>id:</c> field, kept across events as the WHATWG format says), which a
/// reconnecting client sends as <c>Last-Event-ID</c>.
/// </summary>
public sealed record ServerSentEvent(string Kind, string Data, string? Id = null);
