namespace SolarHub.Cli.Tests;

/// <summary>The legacy mqtt: section through the real CLI: imported, shown with the password masked, exported back.</summary>
public sealed class ConfigMqttTests : IAsyncLifetime
{
    private const string Yaml = """
        battery_banks:
          - id: house
            name: House
            adapter: {type: jkbms_tcpip, host: 192.168.1.10, port: 8899, batteries: 2}
        mqtt:
          host: broker.lan
          port: 1884
          username: hub
          password: "s3cret: yes"
          base_topic: home/solar
          ha_discovery: true
        """;

    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    private static Task<CliProcess.Outcome> Config(params string[] args) => CliProcess.RunAsync(["config", .. args]);

    [Fact]
    public async Task The_mqtt_section_is_imported_shown_masked_and_exported_back_unchanged()
    {
        var db = _work.SqliteDatabase();
        var import = await Config("import", _work.File("config.yaml", Yaml), "--database", db);
        import.ExitCode.Should().Be(0, import.StdErr);
        import.StdOut.Should().Contain("mqtt: mqtt://hub:***@broker.lan:1884 base topic home/solar, Home Assistant discovery under homeassistant");
        import.StdErr.Should().NotContain("'mqtt' is not handled");

        var show = await Config("show", "--database", db);
        show.StdOut.Should().Contain("mqtt: mqtt://hub:***@broker.lan:1884 base topic home/solar").And.NotContain("s3cret");

        var export = await Config("export", "--database", db);
        export.ExitCode.Should().Be(0, export.StdErr);
        export.StdOut.Should().Contain("""
            mqtt:
              host: broker.lan
              port: 1884
              username: hub
              password: "s3cret: yes"
              base_topic: home/solar
              ha_discovery: true
            """.ReplaceLineEndings());

        var again = await Config("import", _work.File("exported.yaml", export.StdOut), "--database", db);
        again.StdOut.Trim().Should().Be($"nothing to change (version 1 in sqlite:{db})");

        var without = await Config("import", _work.File("without.yaml", Yaml[..Yaml.IndexOf("mqtt:", StringComparison.Ordinal)]), "--database", db);
        without.StdOut.Should().Contain("mqtt output removed");
    }

    [Fact]
    public async Task A_bad_mqtt_field_stops_the_import_naming_its_line_and_field()
    {
        var db = _work.SqliteDatabase();
        var outcome = await Config("import", _work.File("config.yaml", Yaml.Replace("port: 1884", "port: 99999")), "--database", db);

        outcome.ExitCode.Should().NotBe(0);
        outcome.StdErr.Should().Contain("config.yaml:7:9: mqtt.port: 99999 is not a TCP port (1-65535)");
    }

    [Fact]
    public async Task Mqtt_set_changes_the_given_settings_and_keeps_the_others_and_remove_turns_it_off()
    {
        var db = _work.SqliteDatabase();
        (await Config("import", _work.File("config.yaml", Yaml), "--database", db)).ExitCode.Should().Be(0);

        var set = await Config("mqtt", "set", "--port", "1885", "--ha-discovery", "false", "--database", db);
        set.ExitCode.Should().Be(0, set.StdErr);
        set.StdOut.Should().Contain("mqtt: mqtt://hub:***@broker.lan:1885 base topic home/solar, no Home Assistant discovery");

        var bad = await Config("mqtt", "set", "--base-topic", "a/#", "--database", db);
        bad.ExitCode.Should().Be(2);
        bad.StdErr.Should().Contain("mqtt.base_topic: 'a/#' contains a wildcard");

        var remove = await Config("mqtt", "remove", "--database", db);
        remove.StdOut.Should().Contain("mqtt output removed");
        var again = await Config("mqtt", "set", "--port", "1883", "--database", db);
        again.ExitCode.Should().Be(2);
        again.StdErr.Should().Contain("no MQTT output is stored yet: give --host");
    }
}
