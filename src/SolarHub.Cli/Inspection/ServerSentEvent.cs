namespace SolarHub.Cli.Inspection;

/// <summary>One event of a text/event-stream: its kind (the <c>event:</c> field) and its data (one JSON document for SolarHub).</summary>
public sealed record ServerSentEvent(string Kind, string Data);
