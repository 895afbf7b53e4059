namespace SolarHub.Cli.Tests;

/// <summary>An adapter's cluster node through the real CLI: <c>--node</c> on add, <c>config adapter node</c>, show and export.</summary>
public sealed class ConfigNodeTests : IAsyncLifetime
{
    private const string NodeRule = "(1-64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit)";

    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    private static Task<CliProcess.Outcome> Config(string db, params string[] args) => CliProcess.RunAsync(["config", .. args, "--database", db]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task A_node_is_stored_on_add_set_cleared_shown_and_exported()
    {
        var db = _work.SqliteDatabase();
        var stored = $"in sqlite:{db}";

        var bank = await Config(db, "bank", "add", "house", "--packs", "1-2", "--serial", "/dev/ttyUSB0", "--node", "pi-garage");
        bank.ExitCode.Should().Be(0, bank.StdErr);
        Lines(bank.StdOut).Should().Equal(
            "bank house added (house, packs 1,2)",
            "adapter house/adapter-1 (jk-passive serial:///dev/ttyUSB0@115200, priority 1, node pi-garage) attached",
            $"stored as version 1 {stored}");

        var gw = await Config(db, "adapter", "add", "house", "gw", "--tcp", "10.0.0.5:8899");
        Lines(gw.StdOut).Should().Equal("adapter house/gw (jk-passive tcp://10.0.0.5:8899, priority 2) attached", $"stored as version 2 {stored}");

        var set = await Config(db, "adapter", "node", "house", "gw", "pi-shed");
        set.ExitCode.Should().Be(0, set.StdErr);
        Lines(set.StdOut).Should().Equal("adapter house/gw node pi-shed", $"stored as version 3 {stored}");
        var again = await Config(db, "adapter", "node", "house", "gw", "pi-shed");
        again.StdOut.Trim().Should().Be($"nothing to change (version 3 {stored})");

        var show = await Config(db, "show");
        Lines(show.StdOut).Should().Contain(l => l.EndsWith("adapter adapter-1: priority 1, enabled, primary, jk-passive, serial:///dev/ttyUSB0@115200, node pi-garage"))
            .And.Contain(l => l.EndsWith("adapter gw: priority 2, enabled, standby, jk-passive, tcp://10.0.0.5:8899, node pi-shed"));

        // Export writes the nodes; importing the export changes nothing.
        var export = await Config(db, "export");
        export.StdOut.Should().Contain("node: pi-garage").And.Contain("node: pi-shed");
        var reimport = await Config(db, "import", _work.File("exported.yaml", export.StdOut));
        reimport.StdOut.Trim().Should().Be($"nothing to change (version 3 {stored})");

        var clear = await Config(db, "adapter", "node", "house", "gw", "--none");
        Lines(clear.StdOut).Should().Equal("adapter house/gw node cleared", $"stored as version 4 {stored}");
        var adapters = (await ConfigWorkspace.StoredAsync(db)).Config.Banks.Single().Adapters;
        adapters.Select(a => (a.Id, a.Node)).Should().Equal(("adapter-1", "pi-garage"), ("gw", (string?)null));
        (await Config(db, "show")).StdOut.Should().Contain("tcp://10.0.0.5:8899\n").And.NotContain("pi-shed");
    }

    [Fact]
    public async Task A_bad_node_is_refused_naming_it_and_nothing_is_stored()
    {
        var db = _work.SqliteDatabase();
        (await Config(db, "bank", "add", "house", "--packs", "1", "--tcp", "10.0.0.5:8899")).ExitCode.Should().Be(0);

        var add = await Config(db, "adapter", "add", "house", "usb", "--serial", "/dev/ttyUSB0", "--node", "pi garage");
        add.ExitCode.Should().Be(2);
        add.StdErr.Trim().Should().Be($"config adapter add: --node: 'pi garage' is not a node id: a space is not allowed {NodeRule}");

        var bank = await Config(db, "bank", "add", "shed", "--packs", "1", "--tcp", "10.0.0.6:8899", "--node", "-pi");
        bank.ExitCode.Should().Be(2);
        bank.StdErr.Trim().Should().Be($"config bank add: --node: '-pi' is not a node id: it starts with '-' {NodeRule}");

        var noAdapter = await Config(db, "bank", "add", "shed", "--packs", "1", "--node", "pi");
        noAdapter.ExitCode.Should().Be(2);
        noAdapter.StdErr.Should().Contain("--node is the first adapter's: give --tcp host:port or --serial /dev/ttyUSB0 too");

        var verb = await Config(db, "adapter", "node", "house", "adapter-1", "pi/garage");
        verb.ExitCode.Should().Be(2);
        Lines(verb.StdErr).Should().Equal($"config adapter node: banks[house].adapters[adapter-1].node: 'pi/garage' is not a node id: '/' is not allowed {NodeRule}",
            "config adapter node: 1 error; nothing stored");

        var both = await Config(db, "adapter", "node", "house", "adapter-1", "pi", "--none");
        both.ExitCode.Should().Be(2);
        both.StdErr.Should().Contain("config adapter node: give a node or --none, not both");
        var neither = await Config(db, "adapter", "node", "house", "adapter-1");
        neither.ExitCode.Should().Be(2);
        neither.StdErr.Should().Contain("config adapter node: give the node's name, or --none to clear it");

        var missing = await Config(db, "adapter", "node", "house", "gw-9", "pi");
        missing.ExitCode.Should().Be(2);
        missing.StdErr.Should().Contain("config adapter node: banks[house].adapters[gw-9]: no such adapter");

        var stored = await ConfigWorkspace.StoredAsync(db);
        stored.Version.Should().Be(1);
        stored.Config.Banks.Single().Adapters.Single().Node.Should().BeNull();
    }
}
