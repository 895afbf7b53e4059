namespace SolarHub.Cli.Tests;

/// <summary>A Modbus TCP gateway through the real CLI: <c>--modbus-tcp</c> on add, refused for a passive adapter, shown, exported and imported.</summary>
public sealed class ConfigModbusTcpTests : IAsyncLifetime
{
    private const string Why = "a Modbus TCP gateway, which forwards only answers to the hub's own polls: it would only ever be silent.";

    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    private static Task<CliProcess.Outcome> Config(string db, params string[] args) => CliProcess.RunAsync(["config", .. args, "--database", db]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task An_active_adapter_on_a_modbus_tcp_gateway_is_stored_shown_and_round_trips_through_export_and_import()
    {
        var db = _work.SqliteDatabase();
        var stored = $"in sqlite:{db}";
        (await Config(db, "bank", "add", "house", "--packs", "1-3", "--tcp", "10.0.0.5:8899")).ExitCode.Should().Be(0);

        var passive = await Config(db, "adapter", "add", "house", "mb", "--modbus-tcp", "10.0.0.7:502");
        passive.ExitCode.Should().Be(2);
        Lines(passive.StdErr).Should().Equal(
            "config adapter add: banks[house].adapters[mb].transport: adapter 'mb' listens (jk-passive) to tcp+modbus://10.0.0.7:502, " + Why +
            " Make the adapter active (jk-active) to poll the packs through it, or set the converter to transparent mode and use tcp://",
            "config adapter add: 1 error; nothing stored");

        var active = await Config(db, "adapter", "add", "house", "mb", "--modbus-tcp", "10.0.0.7:502", "--active");
        active.ExitCode.Should().Be(0, active.StdErr);
        Lines(active.StdOut).Should().Equal("adapter house/mb (jk-active tcp+modbus://10.0.0.7:502, priority 2) attached", $"stored as version 2 {stored}");

        var show = await Config(db, "show");
        Lines(show.StdOut).Should().Contain(l => l.EndsWith("adapter mb: priority 2, enabled, standby, jk-active, tcp+modbus://10.0.0.7:502"));

        var export = await Config(db, "export");
        export.ExitCode.Should().Be(0, export.StdErr);
        export.StdErr.Should().BeEmpty("a Modbus TCP gateway fits the file");
        export.StdOut.Should().Contain("connection_type: modbus_tcp");
        var exported = _work.File("exported.yaml", export.StdOut);

        (await Config(db, "import", exported)).StdOut.Trim().Should().Be($"nothing to change (version 2 {stored})", "the adapter keeps its id: import knows it by its endpoint");
        var other = _work.SqliteDatabase("other.db");
        (await Config(other, "import", exported)).ExitCode.Should().Be(0);
        // Another database names the adapters by their place in the file (the format has no ids); the rest is the same.
        var copied = (await ConfigWorkspace.StoredAsync(other)).Config.Banks.Single().Adapters;
        var original = (await ConfigWorkspace.StoredAsync(db)).Config.Banks.Single().Adapters;
        copied.Select(a => a with { Id = "" }).Should().Equal(original.Select(a => a with { Id = "" }));
        copied[1].Transport.Should().Be(new SolarHub.Configuration.ModbusTcpTransport("10.0.0.7", 502));
    }

    [Fact]
    public async Task A_config_yaml_with_a_passive_adapter_on_a_modbus_tcp_gateway_is_refused_at_its_line()
    {
        var db = _work.SqliteDatabase();
        var file = _work.File("config.yaml", """
            battery_banks:
              - id: house
                adapter: {type: jkbms_tcpip, connection_type: modbus_tcp, host: 10.0.0.7, port: 502}
            """);

        var import = await Config(db, "import", file);

        import.ExitCode.Should().Be(2);
        import.StdErr.Should().Contain($"config.yaml:3:51: battery_banks[house].adapters[adapter-1].connection_type: adapter 'adapter-1' listens (jk-passive) to tcp+modbus://10.0.0.7:502, {Why}");
    }

    [Fact]
    public async Task Run_refuses_a_config_yaml_with_a_passive_adapter_on_a_modbus_tcp_gateway_before_starting_anything()
    {
        var file = _work.File("config.yaml", """
            battery_banks:
              - id: house
                adapter: {type: jkbms_tcpip, connection_type: modbus_tcp, host: 127.0.0.1, port: 1502}
            """);

        var run = await CliProcess.RunAsync(["run", "--config", file, "--urls", "http://127.0.0.1:0", "--duration", "00:00:05"]);

        run.ExitCode.Should().Be(2);
        run.StdErr.Should().Contain($"battery_banks[house].adapters[adapter-1].connection_type: adapter 'adapter-1' listens (jk-passive) to tcp+modbus://127.0.0.1:1502, {Why}")
            .And.Contain("run: config.yaml has 1 error(s); nothing started");
    }

    [Fact]
    public async Task Two_transports_at_once_are_refused_naming_the_options()
    {
        var db = _work.SqliteDatabase();

        var both = await Config(db, "bank", "add", "house", "--packs", "1", "--tcp", "10.0.0.5:8899", "--modbus-tcp", "10.0.0.5:502", "--active");

        both.ExitCode.Should().Be(2);
        both.StdErr.Should().Contain("give one of --tcp, --modbus-tcp and --serial");
    }
}
