using System.Diagnostics;
using Npgsql;
using SolarHub.Cli.ConfigVerbs;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Configuration.Legacy;
using SolarHub.Database;
using Xunit.Abstractions;

namespace SolarHub.Cli.Tests;

/// <summary>Files and databases of one test, deleted afterwards.</summary>
public sealed class ConfigWorkspace : IAsyncDisposable
{
    public const string PostgresVariable = "SOLARHUB_TEST_POSTGRES";

    /// <summary>Two banks (one with a gateway and a serial fallback), a battery array, and a section SolarHub ignores.</summary>
    public const string HouseYaml = """
        battery_banks:
          - id: north
            name: North bank
            adapters:
              - adapter: {type: jkbms_tcpip, host: 192.168.1.10, port: 8899, batteries: 2}
                priority: 1
              - adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0, baudrate: 9600, batteries: 2, bms_broadcasting: false, poll_timeout: 0.5}
                priority: 2
          - id: south
            name: South bank
            adapter: {type: jkbms_tcpip, host: gw-south.local, port: 502, battery_addresses: [1, 2, 5], cells_per_battery: 8}
        battery_bank_arrays:
          - id: all
            name: All banks
            battery_bank_ids: [north, south]
        inverters: [{id: inv1}]
        """;

    /// <summary>The same house, changed in many places at once: a change set that could be half-applied if anything could.</summary>
    public const string HouseChangedYaml = """
        battery_banks:
          - id: north
            name: North bank (renamed)
            adapters:
              - adapter: {type: jkbms_tcpip, host: 192.168.1.10, port: 8899, batteries: 3}
                priority: 2
              - adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0, baudrate: 9600, batteries: 3, bms_broadcasting: false, poll_timeout: 0.5}
                priority: 1
          - id: east
            name: East bank
            adapter: {type: jkbms_tcpip, host: 10.0.0.7, port: 8899, batteries: 4}
        battery_bank_arrays:
          - id: all
            name: Everything
            battery_bank_ids: [east, north]
        """;

    private readonly List<Func<Task>> _cleanup = [];

    public ConfigWorkspace()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"solarhub-config-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        _cleanup.Add(() => { Directory.Delete(Folder, recursive: true); return Task.CompletedTask; });
    }

    public string Folder { get; }

    public string File(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string SqliteDatabase(string name = "solarhub.db") => Path.Combine(Folder, "data", name);

    /// <summary>A fresh database on the PostgreSQL test server, as a --database value.</summary>
    public async Task<string> PostgresDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s
            : throw new InvalidOperationException($"{PostgresVariable} is not set: start the server with " +
                $"'export {PostgresVariable}=$(scripts/postgres-test-server.sh start build/postgres)'.");
        var admin = new NpgsqlConnectionStringBuilder(ConfigDatabase.Parse(server).ConnectionString) { Pooling = false };
        var name = $"solarhub_cli_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        _cleanup.Add(async () =>
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
        return new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>What the database holds, read in this process through the same store the CLI uses.</summary>
    public static async Task<StoredConfig> StoredAsync(string database)
    {
        await using var session = await ConfigSession.StartAsync(ConfigDatabase.Parse(database), verbose: false, CancellationToken.None);
        return await ConfigVerbRunner.GetAsync(session, CancellationToken.None);
    }

    /// <summary>The configuration importing <paramref name="yaml"/> into an empty database gives.</summary>
    public static HubConfig Imported(string yaml) => LegacyImport.Target(LegacyConfigReader.Read(yaml), HubConfig.Empty);

    /// <summary>Banks, adapters, packs and arrays as text, to compare states.</summary>
    public static string State(HubConfig config) =>
        string.Join("\n", config.Banks.Select(b => $"{b.Id}|{b.Name}|{string.Join(",", b.Packs)}|{string.Join(",", b.Adapters)}")
            .Concat(config.BatteryArrays.Select(a => $"array {a.Id}|{a.Name}|{string.Join(",", a.BankIds)}")));

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (int i = _cleanup.Count - 1; i >= 0; i--)
        {
            try { await _cleanup[i](); } catch (Exception e) when (e is IOException or UnauthorizedAccessException or NpgsqlException) { }
        }
    }
}

/// <summary><c>solarhub config import|show|validate|export</c> through the real executable.</summary>
public sealed class ConfigCommandTests : IAsyncLifetime
{
    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    private static async Task<CliProcess.Outcome> Config(params string[] args)
    {
        var outcome = await CliProcess.RunAsync(["config", .. args]);
        return outcome;
    }

    [Fact]
    public async Task Every_config_verb_documents_itself()
    {
        foreach (var verb in new[] { "", "import", "show", "validate", "export", "bank add", "bank remove", "adapter add", "adapter remove", "adapter enable", "adapter disable", "adapter priority", "adapter node" })
        {
            var outcome = await CliProcess.RunAsync(["config", .. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
            outcome.ExitCode.Should().Be(0, verb);
            outcome.StdOut.Should().Contain("Usage:", verb);
            if (verb.Length > 0) outcome.StdOut.Should().Contain("--database", $"{verb} works on any database");
        }
    }

    [Fact]
    public async Task Import_prints_each_change_stores_it_once_and_the_second_import_changes_nothing()
    {
        var file = _work.File("config.yaml", ConfigWorkspace.HouseYaml);
        var db = _work.SqliteDatabase();

        var first = await Config("import", file, "--database", db);

        first.ExitCode.Should().Be(0, first.StdErr);
        first.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Equal(
            "bank north added (North bank, packs 1,2)",
            "adapter north/adapter-1 (jk-passive tcp://192.168.1.10:8899, priority 1) attached",
            "adapter north/adapter-2 (jk-active serial:///dev/ttyUSB0@9600, priority 2) attached",
            "bank south added (South bank, packs 1,2,5)",
            "adapter south/adapter-1 (jk-passive tcp://gw-south.local:502, priority 1) attached",
            "battery array all (All banks) = banks north,south",
            $"stored as version 1 in sqlite:{db}");
        first.StdErr.Should().Contain("section 'inverters' is not handled by SolarHub");

        var second = await Config("import", file, "--database", db);
        second.ExitCode.Should().Be(0, second.StdErr);
        second.StdOut.Trim().Should().Be($"nothing to change (version 1 in sqlite:{db})");

        var stored = await ConfigWorkspace.StoredAsync(db);
        stored.Version.Should().Be(1);
        ConfigWorkspace.State(stored.Config).Should().Be(ConfigWorkspace.State(ConfigWorkspace.Imported(ConfigWorkspace.HouseYaml)));
    }

    [Fact]
    public async Task A_dry_run_prints_the_plan_and_stores_nothing()
    {
        var db = _work.SqliteDatabase();
        (await Config("import", _work.File("config.yaml", ConfigWorkspace.HouseYaml), "--database", db)).ExitCode.Should().Be(0);

        var dry = await Config("import", _work.File("changed.yaml", ConfigWorkspace.HouseChangedYaml), "--dry-run", "--database", db);

        dry.ExitCode.Should().Be(0, dry.StdErr);
        dry.StdOut.Should().Contain("bank south removed").And.Contain("bank north renamed to North bank (renamed)")
            .And.Contain("adapter north/adapter-1 priority 2").And.Contain("bank east added")
            .And.Contain($"dry run: 8 changes planned, nothing stored (version 1 in sqlite:{db})");
        var stored = await ConfigWorkspace.StoredAsync(db);
        stored.Version.Should().Be(1);
        ConfigWorkspace.State(stored.Config).Should().Be(ConfigWorkspace.State(ConfigWorkspace.Imported(ConfigWorkspace.HouseYaml)));
    }

    [Fact]
    public async Task A_file_with_one_bad_entry_stores_nothing_and_every_error_is_printed_with_its_line()
    {
        var db = _work.SqliteDatabase();
        var broken = _work.File("broken.yaml", """
            battery_banks:
              - id: north
                name: North bank
                adapter: {type: jkbms_tcpip, host: 192.168.1.10, port: 70000, batteries: 2}
              - id: south
                adapter: {type: pytes, host: 10.0.0.1, port: 502}
              - id: east
                adapter: {type: jkbms_tcpip, host: 10.0.0.2, port: 502}
            """);

        var outcome = await Config("import", broken, "--database", db);

        outcome.ExitCode.Should().Be(2);
        outcome.StdOut.Should().BeEmpty();
        var errors = outcome.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        errors.Should().Equal(
            $"{broken}:4:60: battery_banks[north].adapters[adapter-1].port: 70000 is not a TCP port (1-65535)",
            $"{broken}:6:21: battery_banks[south].adapters[adapter-1].type: 'pytes' is not supported: SolarHub reads only jkbms_tcpip adapters (JK BMS on RS485, through a TCP gateway or a serial port)",
            "config import: broken.yaml has 2 errors; nothing stored");
        System.IO.File.Exists(db).Should().BeFalse("a broken file does not even open the database");

        var validate = await Config("validate", broken);
        validate.ExitCode.Should().Be(2);
        validate.StdErr.Should().Contain($"{broken}:4:60:").And.Contain($"{broken}:6:21:");
    }

    [Fact]
    public async Task Show_prints_the_tree_and_export_re_imports_to_the_same_state()
    {
        var db = _work.SqliteDatabase();
        (await Config("import", _work.File("config.yaml", ConfigWorkspace.HouseYaml), "--database", db)).ExitCode.Should().Be(0);

        var show = await Config("show", "--database", db);
        show.ExitCode.Should().Be(0, show.StdErr);
        show.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).Should().Equal(
            $"system: sqlite:{db}, version 1: 2 banks, 3 adapters, 1 battery array",
            "└── battery array all \"All banks\"",
            "    ├── bank north \"North bank\"",
            "    │   ├── packs 1, 2 (16 cells each)",
            "    │   ├── adapter adapter-1: priority 1, enabled, primary, jk-passive, tcp://192.168.1.10:8899",
            "    │   └── adapter adapter-2: priority 2, enabled, standby, jk-active, serial:///dev/ttyUSB0@9600, poll timeout 0.5 s",
            "    └── bank south \"South bank\"",
            "        ├── packs 1, 2, 5 (8 cells each)",
            "        └── adapter adapter-1: priority 1, enabled, primary, jk-passive, tcp://gw-south.local:502");

        var validate = await Config("validate", "--database", db);
        validate.ExitCode.Should().Be(0, validate.StdErr);
        validate.StdOut.Should().Contain("stored configuration: valid (2 banks, 3 adapters, 1 battery array; version 1");

        var export = await Config("export", "--database", db);
        export.ExitCode.Should().Be(0, export.StdErr);
        export.StdErr.Should().BeEmpty("everything stored fits the legacy format");
        var exported = _work.File("exported.yaml", export.StdOut);

        var again = await Config("import", exported, "--database", db);
        again.StdOut.Trim().Should().Be($"nothing to change (version 1 in sqlite:{db})", "export then import is the same state");

        // Into another database: the same state, and the same file when exported again.
        var other = _work.SqliteDatabase("other.db");
        (await Config("import", exported, "--database", other)).ExitCode.Should().Be(0);
        ConfigWorkspace.State((await ConfigWorkspace.StoredAsync(other)).Config).Should().Be(ConfigWorkspace.State((await ConfigWorkspace.StoredAsync(db)).Config));
        (await Config("export", "--database", other)).StdOut.Should().Be(export.StdOut);
    }

    [Fact]
    public async Task An_unreachable_or_unreadable_database_is_an_error_naming_it()
    {
        var unreachable = await Config("show", "--database", "postgresql://solarhub@127.0.0.1:1/solarhub");
        unreachable.ExitCode.Should().Be(1);
        unreachable.StdErr.Should().StartWith("config show: cannot open postgresql://127.0.0.1:1/solarhub:");

        var garbage = _work.File("garbage.db", new string('x', 8192));
        var unreadable = await Config("show", "--database", garbage);
        unreadable.ExitCode.Should().Be(1);
        unreadable.StdErr.Should().Contain($"cannot open sqlite:{garbage}").And.Contain("not a database");
    }

    [PostgresFact]
    public async Task Import_show_and_change_on_PostgreSQL()
    {
        var db = await _work.PostgresDatabaseAsync();
        var file = _work.File("config.yaml", ConfigWorkspace.HouseYaml);

        var first = await Config("import", file, "--database", db);
        first.ExitCode.Should().Be(0, first.StdErr);
        first.StdOut.Should().Contain("stored as version 1 in postgresql://127.0.0.1:");
        (await Config("import", file, "--database", db)).StdOut.Should().Contain("nothing to change (version 1");

        var swap = await Config("adapter", "priority", "north", "adapter-2", "1", "--database", db);
        swap.ExitCode.Should().Be(0, swap.StdErr);
        swap.StdOut.Should().Contain("adapter north/adapter-2 priority 1").And.Contain("adapter north/adapter-1 priority 2").And.Contain("stored as version 2");

        var show = await Config("show", "--database", db);
        show.StdOut.Should().Contain("adapter adapter-2: priority 1, enabled, primary");
    }
}

/// <summary><c>solarhub config bank|adapter ...</c> through the real executable.</summary>
public sealed class ConfigCommandEntityTests : IAsyncLifetime
{
    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    private async Task<CliProcess.Outcome> Config(string db, params string[] args) =>
        await CliProcess.RunAsync(["config", .. args, "--database", db]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Bank_and_adapter_verbs_print_what_changed_and_refuse_what_is_invalid()
    {
        var db = _work.SqliteDatabase();
        var stored = $"in sqlite:{db}";

        var noAdapter = await Config(db, "bank", "add", "house", "--packs", "1-3");
        noAdapter.ExitCode.Should().Be(2);
        noAdapter.StdErr.Should().Contain("config bank add: banks[house].adapters: no enabled adapter: the bank would never be read")
            .And.Contain("--tcp host:port or --serial");

        var bank = await Config(db, "bank", "add", "house", "--name", "House bank", "--packs", "1-3", "--cells", "8", "--tcp", "10.0.0.5:8899");
        bank.ExitCode.Should().Be(0, bank.StdErr);
        Lines(bank.StdOut).Should().Equal(
            "bank house added (House bank, packs 1,2,3)",
            "adapter house/adapter-1 (jk-passive tcp://10.0.0.5:8899, priority 1) attached",
            $"stored as version 1 {stored}");

        var usb = await Config(db, "adapter", "add", "house", "usb", "--serial", "/dev/ttyUSB1", "--baud", "9600", "--active");
        Lines(usb.StdOut).Should().Equal("adapter house/usb (jk-active serial:///dev/ttyUSB1@9600, priority 2) attached", $"stored as version 2 {stored}");

        var swap = await Config(db, "adapter", "priority", "house", "usb", "1");
        Lines(swap.StdOut).Should().Equal("adapter house/usb priority 1", "adapter house/adapter-1 priority 2", $"stored as version 3 {stored}");

        var disable = await Config(db, "adapter", "disable", "house", "usb");
        Lines(disable.StdOut).Should().Equal("adapter house/usb disabled", $"stored as version 4 {stored}");

        var lastOne = await Config(db, "adapter", "disable", "house", "adapter-1");
        lastOne.ExitCode.Should().Be(2);
        Lines(lastOne.StdErr).Should().Equal("config adapter disable: banks[house].adapters: no enabled adapter: the bank would never be read",
            "config adapter disable: 1 error; nothing stored");

        var badPort = await Config(db, "adapter", "add", "house", "gw-2", "--tcp", "10.0.0.6:70000");
        badPort.ExitCode.Should().Be(2);
        badPort.StdErr.Should().Contain("config adapter add: banks[house].adapters[gw-2].transport.port: 70000 is not a TCP port (1-65535)");

        var noBank = await Config(db, "adapter", "enable", "garage", "usb");
        noBank.ExitCode.Should().Be(2);
        noBank.StdErr.Should().Contain("config adapter enable: banks[garage]: no such bank");

        var enable = await Config(db, "adapter", "enable", "house", "usb");
        Lines(enable.StdOut).Should().Equal("adapter house/usb enabled", $"stored as version 5 {stored}");

        // The adapters' own ids survive an export and re-import (import recognises them by the endpoint they reach).
        var export = await Config(db, "export");
        var again = await Config(db, "import", _work.File("exported.yaml", export.StdOut));
        again.StdOut.Trim().Should().Be($"nothing to change (version 5 {stored})");

        var remove = await Config(db, "adapter", "remove", "house", "adapter-1");
        Lines(remove.StdOut).Should().Equal("adapter house/adapter-1 detached", $"stored as version 6 {stored}");
        var house = (await ConfigWorkspace.StoredAsync(db)).Config.Banks.Single();
        house.Packs.Should().Equal(new PackConfig(1, 8), new PackConfig(2, 8), new PackConfig(3, 8));
        house.Adapters.Should().Equal(new AdapterConfig("usb", AdapterProtocol.JkActive, new SerialTransport("/dev/ttyUSB1", 9600), 1, true));

        var removeBank = await Config(db, "bank", "remove", "house");
        Lines(removeBank.StdOut).Should().Equal("bank house removed", $"stored as version 7 {stored}");
        (await ConfigWorkspace.StoredAsync(db)).Config.Banks.Should().BeEmpty();
    }
}

/// <summary>
/// A config verb killed at random moments (as a power cut or a Ctrl+C at the wrong time would): the stored
/// configuration is always exactly the one before or the one after a change, never a mix, and a change the verb
/// reported as stored is there.
/// </summary>
public sealed class ConfigCommandKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 5;
    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    [Fact]
    public Task Killed_imports_leave_sqlite_before_or_after_never_half() => KilledImportsAsync(_work.SqliteDatabase(), seed: 1);

    [PostgresFact]
    public async Task Killed_imports_leave_postgresql_before_or_after_never_half() => await KilledImportsAsync(await _work.PostgresDatabaseAsync(), seed: 2);

    private async Task KilledImportsAsync(string db, int seed)
    {
        var files = new[] { _work.File("house.yaml", ConfigWorkspace.HouseYaml), _work.File("changed.yaml", ConfigWorkspace.HouseChangedYaml) };
        var states = new[] { ConfigWorkspace.State(ConfigWorkspace.Imported(ConfigWorkspace.HouseYaml)), ConfigWorkspace.State(ConfigWorkspace.Imported(ConfigWorkspace.HouseChangedYaml)) };
        (await CliProcess.RunAsync(["config", "import", files[0], "--database", db])).ExitCode.Should().Be(0);
        int current = 0;
        long version = 1;
        var random = new Random(seed);
        int killedBefore = 0, killedAfter = 0, finished = 0;

        for (int round = 1; round <= Rounds; round++)
        {
            int target = 1 - current;
            var delay = TimeSpan.FromMilliseconds(random.Next(300, 3500));
            var (acknowledged, killed) = await ImportAndKillAsync(files[target], db, delay);

            var stored = await ConfigWorkspace.StoredAsync(db);
            var state = ConfigWorkspace.State(stored.Config);
            state.Should().BeOneOf(states, $"round {round}: the store holds the configuration before or after the import, never a mix");
            int now = state == states[0] ? 0 : 1;
            if (acknowledged) now.Should().Be(target, $"round {round}: the import said it stored the change");
            stored.Version.Should().Be(now == current ? version : version + 1, $"round {round}: one change set per import");
            output.WriteLine($"round {round}: {(killed ? "killed" : "finished")} after {delay.TotalMilliseconds} ms; {(now == target ? "after" : "before")} the change");
            if (!killed) finished++;
            else if (now == target) killedAfter++;
            else killedBefore++;
            current = now;
            version = stored.Version;
        }
        output.WriteLine($"{killedBefore} killed before the change was stored, {killedAfter} after it was, {finished} finished");
        (killedBefore + killedAfter).Should().BeGreaterThan(0, "some imports must have been killed for this test to mean anything");
    }

    /// <returns>Whether the import reported the change stored, and whether it had to be killed.</returns>
    private static async Task<(bool Acknowledged, bool Killed)> ImportAndKillAsync(string file, string db, TimeSpan killAfter)
    {
        using var process = Process.Start(CliProcess.StartInfo(["config", "import", file, "--database", db]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();

        bool killed = false;
        using (var cts = new CancellationTokenSource(killAfter))
        {
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                killed = true;
            }
        }
        await process.WaitForExitAsync();
        var text = await stdout;
        await stderr;
        bool acknowledged = text.Contains("stored as version") || text.Contains("nothing to change");
        if (!killed) process.ExitCode.Should().Be(0, "an import that was not killed succeeds");
        return (acknowledged, killed);
    }
}

/// <summary>The pieces of <c>config import/export</c> that need no process: the legacy writer and the adapter ids on import.</summary>
public sealed class ConfigCommandFormatTests
{
    private static AdapterConfig Tcp(string id, int priority, string host = "10.0.0.1", int port = 8899) =>
        new(id, AdapterProtocol.JkPassive, new TcpTransport(host, port), priority);

    [Fact]
    public void Export_writes_names_that_read_back_the_same_whatever_they_look_like()
    {
        var names = new[] { "yes", "null", "~", "12", "1.5", "a: b", "#hash", " spaced ", "Bänk \"quoted\" \\ back", "[list]", "-dash", "", "ünïcödé 🔋" };
        // Ids follow the id rules (no spaces); a name may be any printable text (a tab is refused since names are printed).
        var banks = names.Select((name, i) => new BankConfig($"bank-{i}", name, [new PackConfig(1), new PackConfig(2)],
            [Tcp("adapter-1", 1, $"10.0.0.{i + 1}"), new AdapterConfig("adapter-2", AdapterProtocol.JkActive,
                new SerialTransport($"/dev/ttyUSB{i}", 9600, System.IO.Ports.Parity.Odd, 7, System.IO.Ports.StopBits.OnePointFive), 2, Enabled: false,
                PollTimeout: TimeSpan.FromMilliseconds(1250))])).ToList();
        var config = new HubConfig(banks, [], [new BatteryArrayConfig("yes", "no", ["bank-0", "bank-3"])]);

        var written = LegacyYamlWriter.Write(config);
        var read = LegacyConfigReader.Read(written.Yaml);

        written.Warnings.Should().BeEmpty();
        read.Errors.Should().BeEmpty(written.Yaml);
        ConfigWorkspace.State(LegacyImport.Target(read, HubConfig.Empty)).Should().Be(ConfigWorkspace.State(config));
    }

    [Fact]
    public void What_the_legacy_format_cannot_hold_is_a_warning_naming_the_entity_and_field()
    {
        var odd = new BankConfig("odd", "Odd", [new PackConfig(1, 16), new PackConfig(2, 8)],
            [Tcp("gw", 1) with { PollGap = TimeSpan.FromMilliseconds(130), Layout = SolarHub.Protocol.Jk.JkLayout.JK02_24S }]);

        var written = LegacyYamlWriter.Write(new HubConfig([odd], []));

        written.Warnings.Should().HaveCount(3).And.Contain(w => w.StartsWith("banks[odd].packs: packs of different cell counts"))
            .And.Contain(w => w.StartsWith("banks[odd].adapters[gw].pollGap: 0.13 s"))
            .And.Contain(w => w.StartsWith("banks[odd].adapters[gw].layout: JK02_24S"));
    }

    [Fact]
    public void Imported_adapters_keep_the_ids_of_stored_adapters_that_reach_the_same_endpoint()
    {
        var stored = new HubConfig([new BankConfig("b", "B", [new PackConfig(1)],
            [Tcp("gateway", 1, "GW.local"), new AdapterConfig("usb", AdapterProtocol.JkActive, new SerialTransport("/dev/ttyUSB0"), 2), Tcp("adapter-3", 3, "10.9.9.9")])], []);
        // The file lists the serial adapter first, the gateway second (host spelt differently), and a new gateway third.
        var read = LegacyConfigReader.Read("""
            battery_banks:
              - id: b
                adapters:
                  - adapter: {type: jkbms_tcpip, serial_port: /dev/ttyUSB0, bms_broadcasting: false}
                    priority: 1
                  - adapter: {type: jkbms_tcpip, host: gw.local, port: 8899}
                    priority: 2
                  - adapter: {type: jkbms_tcpip, host: 10.1.1.1, port: 8899}
                    priority: 3
            """);
        read.Errors.Should().BeEmpty();

        var target = LegacyImport.Target(read, stored);

        target.Banks[0].Adapters.Select(a => a.Id).Should().Equal("usb", "gateway", "adapter-3");
        ConfigStore.ConfigPlanner.Plan(stored, target).Select(c => c.Describe()).Should().Equal(
            "bank b renamed to b",
            "adapter b/usb priority 1",
            "adapter b/gateway (jk-passive tcp://gw.local:8899, priority 2) settings changed",
            "adapter b/gateway priority 2",
            "adapter b/adapter-3 (jk-passive tcp://10.1.1.1:8899, priority 3) settings changed");
    }
}
