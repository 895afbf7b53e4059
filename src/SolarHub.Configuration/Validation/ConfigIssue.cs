namespace SolarHub.Configuration.Validation;

/// <summary>A validation finding on the model, before a source turns it into a located <see cref="ConfigError"/>.</summary>
/// <param name="Message">What is wrong, with the bad value; other entities are named by id so the text fits any source.</param>
public sealed record ConfigIssue(ConfigSubject Subject, string Message);
