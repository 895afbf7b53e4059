namespace SolarHub.Bench;

/// <summary>A bench could not produce its figures (bad input, a timeout, a resource limit): the message is shown to the user as is.</summary>
public sealed class BenchException(string message, Exception? inner = null) : Exception(message, inner);
