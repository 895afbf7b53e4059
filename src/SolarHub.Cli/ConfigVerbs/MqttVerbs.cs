using System.CommandLine;
using SolarHub.Cli.Storage;
using SolarHub.ConfigStore;
using SolarHub.Configuration;

namespace SolarHub.Cli.ConfigVerbs;

/// <summary>What <c>config mqtt set</c> changes; null keeps the stored value.</summary>
public sealed record MqttOptions(string? Host, int? Port, string? Username, string? Password, bool Anonymous, string? BaseTopic, string? ClientId,
    bool? HaDiscovery, string? DiscoveryPrefix)
{
    /// <summary>The stored settings with these applied, or why there are none (naming the option).</summary>
    public MqttConfig? Apply(MqttConfig? stored, out string error)
    {
        error = "";
        if (Anonymous && (Username is not null || Password is not null)) { error = "give --anonymous or --username/--password, not both"; return null; }
        var host = Host ?? stored?.Host;
        if (host is null) { error = "no MQTT output is stored yet: give --host"; return null; }
        var mqtt = (stored ?? new MqttConfig(host)) with { Host = host };
        if (Port is { } port) mqtt = mqtt with { Port = port };
        if (Anonymous) mqtt = mqtt with { Username = null, Password = null };
        if (Username is not null) mqtt = mqtt with { Username = Username };
        if (Password is not null) mqtt = mqtt with { Password = Password };
        if (BaseTopic is not null) mqtt = mqtt with { BaseTopic = BaseTopic };
        if (ClientId is not null) mqtt = mqtt with { ClientId = ClientId };
        if (HaDiscovery is { } discovery) mqtt = mqtt with { HaDiscovery = discovery };
        if (DiscoveryPrefix is not null) mqtt = mqtt with { DiscoveryPrefix = DiscoveryPrefix };
        return mqtt;
    }
}

/// <summary><c>config mqtt set|remove</c>: the broker the hub publishes to (docs/mqtt.md). A running hub reconnects with the new settings.</summary>
public static class MqttVerbs
{
    public static Command Create()
    {
        var command = new Command("mqtt", "Set or remove the MQTT broker telemetry is published to (state, availability, Home Assistant discovery; docs/mqtt.md). " +
            "A running hub on the same database reconnects with the new settings.");

        var host = new Option<string?>("--host") { Description = "Broker host name or address (required when none is stored)." };
        var port = new Option<int?>("--port") { Description = "Broker TCP port (default 1883)." };
        var username = new Option<string?>("--username") { Description = "User name." };
        var password = new Option<string?>("--password") { Description = "Password (stored in the database; shown masked)." };
        var anonymous = new Option<bool>("--anonymous") { Description = "Forget the user name and password." };
        var baseTopic = new Option<string?>("--base-topic") { Description = "First level(s) of every topic (default solarhub)." };
        var clientId = new Option<string?>("--client-id") { Description = "MQTT client id (default solarhub-<machine>)." };
        var discovery = new Option<bool?>("--ha-discovery") { Description = "true or false: publish Home Assistant discovery (default true)." };
        var prefix = new Option<string?>("--discovery-prefix") { Description = "Home Assistant's discovery prefix (default homeassistant)." };
        var database = DatabaseOption.Create();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print Akka's warnings and errors (on stderr)." };
        var set = new Command("set", "Set the MQTT output, or change the given settings of the stored one (the others are kept).")
        {
            host, port, username, password, anonymous, baseTopic, clientId, discovery, prefix, database, verbose,
        };
        set.SetAction((pr, ct) => SetAsync(ConfigVerbRunner.ForConsole("config mqtt set"),
            new MqttOptions(pr.GetValue(host), pr.GetValue(port), pr.GetValue(username), pr.GetValue(password), pr.GetValue(anonymous),
                pr.GetValue(baseTopic), pr.GetValue(clientId), pr.GetValue(discovery), pr.GetValue(prefix)),
            pr.GetValue(database), pr.GetValue(verbose), ct));
        command.Subcommands.Add(set);

        var removeDatabase = DatabaseOption.Create();
        var removeVerbose = new Option<bool>("--verbose", "-v") { Description = "Also print Akka's warnings and errors (on stderr)." };
        var remove = new Command("remove", "Stop publishing to MQTT (a running hub removes its Home Assistant entities and disconnects).") { removeDatabase, removeVerbose };
        remove.SetAction((pr, ct) => RemoveAsync(ConfigVerbRunner.ForConsole("config mqtt remove"), pr.GetValue(removeDatabase), pr.GetValue(removeVerbose), ct));
        command.Subcommands.Add(remove);
        return command;
    }

    public static Task<int> SetAsync(ConfigVerbRunner run, MqttOptions options, string? database, bool verbose, CancellationToken ct) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
        {
            var stored = await ConfigVerbRunner.GetAsync(session, ct);
            if (options.Apply(stored.Config.Mqtt, out var error) is not { } mqtt) return run.Error(error);
            // The store validates it and names the field: mqtt.port: 0 is not a TCP port (1-65535).
            IReadOnlyList<IConfigChange> changes = mqtt == stored.Config.Mqtt ? [] : [new MqttConfigured(mqtt)];
            return run.Report(await run.ProposeAsync(session, changes, "mqtt set", ct), session);
        });

    public static Task<int> RemoveAsync(ConfigVerbRunner run, string? database, bool verbose, CancellationToken ct) =>
        run.WithSessionAsync(database, verbose, ct, async session =>
            run.Report(await run.ProposeAsync(session, [new MqttRemoved()], "mqtt remove", ct), session));
}
