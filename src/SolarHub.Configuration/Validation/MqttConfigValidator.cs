namespace SolarHub.Configuration.Validation;

/// <summary>
/// Checks an <see cref="MqttConfig"/>. Each finding names the field by its <c>config.yaml</c> key (<c>port</c>,
/// <c>base_topic</c>…), which is also its name in the stored configuration's paths (<c>mqtt.port</c>).
/// </summary>
public static class MqttConfigValidator
{
    public const string Section = "mqtt";

    public static IReadOnlyList<(string Key, string Message)> FindIssues(MqttConfig mqtt)
    {
        var issues = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(mqtt.Host)) issues.Add(("host", "the broker host is empty"));
        if (mqtt.Port is < 1 or > 65535) issues.Add(("port", $"{mqtt.Port} is not a TCP port (1-65535)"));
        if (TopicProblem(mqtt.BaseTopic) is { } topic) issues.Add(("base_topic", topic));
        if (mqtt.HaDiscovery && TopicProblem(mqtt.DiscoveryPrefix) is { } prefix) issues.Add(("discovery_prefix", prefix));
        if (mqtt.ClientId is { } id && (id.Length == 0 || id.Length > 256 || id.Any(char.IsControl)))
            issues.Add(("client_id", $"'{id}' is not a client id (1-256 characters, no control characters)"));
        if (mqtt.Username is "") issues.Add(("username", "the user name is empty (leave it out for an anonymous broker)"));
        if (mqtt.Password is not null && mqtt.Username is null) issues.Add(("password", "a password without a username: give username too"));
        return issues;
    }

    /// <summary>The findings as errors with model paths: <c>mqtt.port</c>.</summary>
    public static IReadOnlyList<ConfigError> Validate(MqttConfig? mqtt) =>
        mqtt is null ? [] : FindIssues(mqtt).Select(i => new ConfigError(0, 0, $"{Section}.{i.Key}", i.Message)).ToList();

    // Topics SolarHub builds below it must be valid topic names: no wildcards, no empty levels at the ends.
    private static string? TopicProblem(string topic)
    {
        if (string.IsNullOrWhiteSpace(topic)) return "the topic is empty";
        if (topic.IndexOfAny(['+', '#']) >= 0) return $"'{topic}' contains a wildcard (+ or #), which a topic to publish to cannot hold";
        if (topic.StartsWith('/') || topic.EndsWith('/')) return $"'{topic}' starts or ends with '/': write it without";
        if (topic.Any(char.IsControl) || topic.Contains('\0')) return $"'{topic}' contains control characters";
        return null;
    }
}
