namespace SolarHub.Cli.Tests;

/// <summary>The <c>config alert</c> verbs and the <c>alerts:</c> section through the real CLI.</summary>
public sealed class ConfigAlertTests : IAsyncLifetime
{
    private const string Yaml = """
        battery_banks:
          - id: house
            name: House
            adapter: {type: jkbms_tcpip, host: 192.168.1.10, port: 8899, batteries: 2}
          - id: shed
            name: Shed
            adapter: {type: jkbms_tcpip, host: 192.168.1.11, port: 8899}
        alerts:
          rules:
            soc_low: {raise: 20, clear: 25}
        """;

    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    private static Task<CliProcess.Outcome> Config(params string[] args) => CliProcess.RunAsync(["config", .. args]);

    [Fact]
    public async Task Set_disable_and_reset_change_the_stored_rules_list_shows_them_and_export_writes_them()
    {
        var db = _work.SqliteDatabase();
        (await Config("import", _work.File("config.yaml", Yaml), "--database", db)).ExitCode.Should().Be(0);

        var set = await Config("alert", "set", "cell_delta", "--bank", "house", "--raise", "0.15", "--clear", "0.1", "--for", "30", "--database", db);
        set.ExitCode.Should().Be(0, set.StdErr);
        set.StdOut.Should().Contain("alerts: soc_low for every bank: raise 20, clear 25; cell_delta for bank house: raise 0.15, clear 0.1, for 30 s, no webhook");
        var off = await Config("alert", "disable", "standby_adapter", "--database", db);
        off.ExitCode.Should().Be(0, off.StdErr);
        var hook = await Config("alert", "webhook", "https://hooks.example/solarhub?token=secret", "--database", db);
        hook.ExitCode.Should().Be(0, hook.StdErr);
        hook.StdOut.Should().Contain("webhook https://hooks.example/solarhub").And.NotContain("secret", "a token in the URL is not printed");

        var list = await Config("alert", "list", "--bank", "house", "--database", db);
        list.ExitCode.Should().Be(0, list.StdErr);
        list.StdOut.Should().Contain("""
            webhook: https://hooks.example/solarhub
            bank house:
              cell_delta: raise at or above 0.15 V, clear at or below 0.1 V, for 30 s (set for this bank)
              cell_min: raise at or below 2.9 V, clear at or above 3 V, for 10 s
            """.ReplaceLineEndings());
        list.StdOut.Should().Contain("  soc_low: raise at or below 20 %, clear at or above 25 %, for 60 s (set for every bank)")
            .And.Contain("  standby_adapter: off (set for every bank)")
            .And.Contain("  bank_down: raised after 0 s of the condition")
            .And.NotContain("bank shed:");

        var export = await Config("export", "--database", db);
        export.StdOut.Should().Contain("""
            alerts:
              webhook: "https://hooks.example/solarhub?token=secret"
              rules:
                soc_low: {raise: 20, clear: 25}
                standby_adapter: {enabled: false}
              banks:
                house:
                  cell_delta: {raise: 0.15, clear: 0.1, for: 30}
            """.ReplaceLineEndings());

        (await Config("alert", "reset", "all", "--database", db)).ExitCode.Should().Be(0);
        var after = await Config("alert", "list", "--database", db);
        after.StdOut.Should().Contain("  soc_low: raise at or below 15 %, clear at or above 20 %, for 60 s\n".ReplaceLineEndings())
            .And.Contain("cell_delta: raise at or above 0.15 V, clear at or below 0.1 V, for 30 s (set for this bank)", "reset without --bank keeps the banks' own");
    }

    [Fact]
    public async Task A_bad_change_stores_nothing_and_names_the_field_or_option()
    {
        var db = _work.SqliteDatabase();
        (await Config("import", _work.File("config.yaml", Yaml), "--database", db)).ExitCode.Should().Be(0);

        var flapping = await Config("alert", "set", "soc_low", "--clear", "10", "--database", db);
        flapping.ExitCode.Should().Be(2);
        flapping.StdErr.Should().Contain("alerts.rules.soc_low.clear: clear 10 must be above raise 20 %, or the alert would flap (give both raise and clear)")
            .And.Contain("nothing stored");

        var unknown = await Config("alert", "set", "cell_gap", "--raise", "1", "--database", db);
        unknown.ExitCode.Should().Be(2);
        unknown.StdErr.Should().Contain("'cell_gap' is not an alert rule (known: cell_delta, cell_min");

        var noBank = await Config("alert", "disable", "bank_down", "--bank", "attic", "--database", db);
        noBank.ExitCode.Should().Be(2);
        noBank.StdErr.Should().Contain("alerts.banks.attic: 'attic' is not the id of a bank");

        var badUrl = await Config("alert", "webhook", "hooks.example/x", "--database", db);
        badUrl.ExitCode.Should().Be(2);
        badUrl.StdErr.Should().Contain("alerts.webhook: 'hooks.example/x' is not an http:// or https:// URL");

        (await Config("alert", "set", "pack_stale", "--raise", "1", "--database", db)).StdErr
            .Should().Contain("alerts.rules.pack_stale.raise: pack_stale is a condition without thresholds: set only for and enabled");
    }
}
