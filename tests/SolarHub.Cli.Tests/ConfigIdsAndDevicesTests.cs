using Akka.Actor;
using Akka.Persistence;
using SolarHub.Cli.ConfigVerbs;
using SolarHub.ConfigStore;
using SolarHub.Configuration;
using SolarHub.Database;
using SolarHub.Simulator.Transports;
using SolarHub.TestSupport;

namespace SolarHub.Cli.Tests;

/// <summary>Ids, names and serial devices through the real executable: refused with exit 2 naming the field, printed safely.</summary>
public sealed class ConfigIdsAndDevicesTests : IAsyncLifetime
{
    private readonly ConfigWorkspace _work = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _work.DisposeAsync().AsTask();

    private static Task<CliProcess.Outcome> Config(string db, params string[] args) => CliProcess.RunAsync(["config", .. args, "--database", db]);

    [Fact]
    public async Task A_bank_id_that_differs_from_a_stored_one_only_in_case_is_refused_naming_the_field()
    {
        var db = _work.SqliteDatabase();
        (await Config(db, "bank", "add", "house", "--packs", "1", "--tcp", "10.0.0.5:8899")).ExitCode.Should().Be(0);

        var upper = await Config(db, "bank", "add", "House", "--packs", "1", "--tcp", "10.0.0.6:8899");
        var slash = await Config(db, "bank", "add", "a/b", "--packs", "1", "--tcp", "10.0.0.7:8899");

        upper.ExitCode.Should().Be(2);
        upper.StdErr.Should().Contain("config bank add: banks[House].id: bank id 'House' is the id of bank 'house' in other letters (ids are compared ignoring case)")
            .And.NotContain("   at ");
        slash.ExitCode.Should().Be(2);
        slash.StdErr.Should().Contain("config bank add: banks[a/b].id: 'a/b' is not a bank id: '/' is not allowed");
        (await ConfigWorkspace.StoredAsync(db)).Config.Banks.Select(b => b.Id).Should().Equal("house");
    }

    [Fact]
    public async Task A_link_to_a_pty_used_by_another_bank_is_the_same_device_and_refused()
    {
        await using var pty = await PtyPair.StartAsync();
        var device = File.ResolveLinkTarget(pty.A, returnFinalTarget: true)!.FullName;
        var db = _work.SqliteDatabase();
        (await Config(db, "bank", "add", "north", "--packs", "1", "--serial", device, "--active")).ExitCode.Should().Be(0);

        var viaLink = await Config(db, "bank", "add", "south", "--packs", "1", "--serial", pty.A, "--active");

        viaLink.ExitCode.Should().Be(2);
        viaLink.StdErr.Should().Contain($"config bank add: banks[south].adapters[adapter-1].transport.path: {pty.A} is the device {device}, " +
            $"already used as {device} by adapter 'adapter-1' of bank 'north'; a serial port can be opened by one adapter only");
    }

    [Fact]
    public async Task A_configuration_stored_before_the_rules_still_shows_safely_and_takes_changes_that_add_no_problem()
    {
        var db = _work.SqliteDatabase();
        (await Config(db, "bank", "add", "house", "--packs", "1", "--tcp", "10.0.0.5:8899")).ExitCode.Should().Be(0);
        // What an older SolarHub accepted: a bank id that differs in case only, a name with a terminal escape sequence.
        await StoreUncheckedAsync(db, new BankAdded("House", "Evil\u001b[2J name", [new PackConfig(1)]),
            new AdapterAttached("House", new AdapterConfig("gw", AdapterProtocol.JkPassive, new TcpTransport("10.0.0.6", 8899))));

        var show = await Config(db, "show");
        var unrelated = await Config(db, "adapter", "add", "house", "usb", "--serial", "/dev/ttyUSB7");
        var another = await Config(db, "bank", "add", "HOUSE", "--packs", "1", "--tcp", "10.0.0.7:8899");
        var validate = await Config(db, "validate");

        show.ExitCode.Should().Be(0, show.StdErr);
        show.StdOut.Should().Contain("bank House \"Evil\\u001b[2J name\"").And.NotContain("\u001b");
        unrelated.ExitCode.Should().Be(0, "a change that adds no problem is taken: the install is not locked out ({0})", unrelated.StdErr);
        another.ExitCode.Should().Be(2);
        another.StdErr.Should().Contain("banks[HOUSE].id: bank id 'HOUSE' is the id of bank 'house' in other letters")
            .And.NotContain("banks[House]", "what was already stored is not this change's fault");
        validate.ExitCode.Should().Be(2);
        validate.StdErr.Should().Contain("banks[House].id").And.Contain("banks[House].name: 'Evil\\u001b[2J name' is not a bank name").And.NotContain("\u001b");
    }

    /// <summary>Stores a change set as an older version did: straight into the journal, past today's rules.</summary>
    private static async Task StoreUncheckedAsync(string db, params IConfigChange[] changes)
    {
        await using var session = await ConfigSession.StartAsync(ConfigDatabase.Parse(db), verbose: false, CancellationToken.None);
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = session.System.ActorOf(Props.Create(() => new JournalWriter(new ConfigChangeSet(DateTimeOffset.UtcNow, "an older SolarHub", changes), stored)));
        writer.Tell(JournalWriter.Write);
        await stored.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class JournalWriter : ReceivePersistentActor
    {
        public const string Write = "write";

        public JournalWriter(ConfigChangeSet set, TaskCompletionSource stored)
        {
            Recover<object>(_ => { });
            Command<string>(_ => Persist(set, _ => stored.TrySetResult()));
            _stored = stored;
        }

        private readonly TaskCompletionSource _stored;

        public override string PersistenceId => HubConfigStore.Id;

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _stored.TrySetException(cause);
            base.OnPersistFailure(cause, @event, sequenceNr);
        }
    }
}
