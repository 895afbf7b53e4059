using System.IO.Ports;
using SolarHub.ConfigStore.StartCopy;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Database;
using SolarHub.Protocol.Jk;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.StartCopy;

public sealed class ConfigStartCopyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("solarhub-start-copy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathIn(string name) => Path.Combine(_folder, name);

    /// <summary>Every part of the model, with fields away from their defaults: each transport kind, MQTT, alert rules, arrays.</summary>
    private static HubConfig Everything() => new(
        [
            new BankConfig("house", "House", [new PackConfig(1), new PackConfig(15, 24)],
            [
                Tcp("gw", 1, 8899, "gw.local"),
                new AdapterConfig("usb", AdapterProtocol.JkActive, new SerialTransport("/dev/ttyS1", 9600, Parity.Even, 7, StopBits.Two), Priority: 4,
                    Enabled: false, Layout: JkLayout.JK02_24S, PollTimeout: TimeSpan.FromMilliseconds(1250), PollGap: TimeSpan.FromMilliseconds(130)) { Node = "pi" },
                new AdapterConfig("modbus", AdapterProtocol.JkActive, new ModbusTcpTransport("10.0.0.9", 502), 2),
            ]),
            Bank("shed", Tcp("gw", 1, 8900)),
        ],
        ["ha"],
        [new BatteryArrayConfig("all", "All", ["house", "shed"])],
        new MqttConfig("broker.local", 8883, "hub", "secret", "solar", "hub-1", HaDiscovery: false, "ha"),
        new AlertsConfig([new AlertOverride(AlertKind.CellDelta, Raise: 0.05, For: TimeSpan.FromSeconds(30)), new AlertOverride(AlertKind.SocLow, "shed", Enabled: false)],
            "https://hooks.local/solar"));

    [Fact]
    public async Task What_is_written_reads_back_the_same()
    {
        var path = PathIn("hub.db" + ConfigStartCopy.Suffix);
        var copy = new ConfigStartCopy(42, Everything()) { StoredAt = 639320050557381863 };

        await copy.WriteAsync(path, CancellationToken.None);
        var read = ConfigStartCopy.TryRead(path);

        read.Should().NotBeNull();
        read!.Version.Should().Be(42);
        read.StoredAt.Should().Be(639320050557381863);
        read.Config.Should().BeEquivalentTo(copy.Config, o => o.RespectingRuntimeTypes());
        File.Exists(path + ".tmp").Should().BeFalse("the copy is written beside and renamed over");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "it may hold the broker's password");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"version\":3,\"con")]
    [InlineData("not json at all")]
    [InlineData("{\"version\":3}")]
    [InlineData("{\"version\":0,\"config\":{\"banks\":[],\"ignoredSections\":[]}}")]
    [InlineData("{\"version\":3,\"config\":{\"banks\":[{\"id\":\"b\",\"name\":\"b\",\"packs\":[],\"adapters\":[{\"id\":\"a\",\"protocol\":\"JkPassive\",\"transport\":{\"$kind\":\"carrier-pigeon\"}}]}],\"ignoredSections\":[]}}")]
    [InlineData("{\"version\":3,\"config\":{\"banks\":[null],\"ignoredSections\":[]}}")]
    [InlineData("{\"version\":3,\"config\":{\"banks\":[{\"id\":\"b\",\"name\":\"b\",\"packs\":[null],\"adapters\":[]}],\"ignoredSections\":[]}}")]
    [InlineData("{\"version\":3,\"config\":{\"banks\":[{\"id\":\"b\",\"name\":\"b\",\"packs\":[],\"adapters\":[{\"id\":\"a\",\"protocol\":\"JkPassive\",\"transport\":null}]}],\"ignoredSections\":[]}}")]
    [InlineData("{\"version\":3,\"config\":{\"banks\":[{\"id\":null,\"name\":\"b\",\"packs\":[],\"adapters\":[]}],\"ignoredSections\":[]}}")]
    [InlineData("{\"version\":3,\"config\":{\"banks\":[{\"id\":\"b\",\"name\":\"b\",\"packs\":[],\"adapters\":[{\"id\":\"a\",\"protocol\":\"JkPassive\",\"transport\":{\"$kind\":\"tcp\",\"host\":\"gw\",\"port\":99999}}]}],\"ignoredSections\":[]}}")]
    public async Task A_copy_that_cannot_be_read_is_no_copy(string text)
    {
        var path = PathIn("broken.json");
        await File.WriteAllTextAsync(path, text);

        ConfigStartCopy.TryRead(path).Should().BeNull();
    }

    [Fact]
    public async Task A_copy_is_current_only_beside_the_history_it_was_taken_from()
    {
        await using var house = TestDatabase.Sqlite();
        await using var other = TestDatabase.Sqlite();
        var copy = await StoreAsync(house.Config, TwoBanks());
        await StoreAsync(other.Config, new HubConfig([Bank("shed", Tcp("gw", 1))], []));

        (await CurrentWithAsync(house.Config, copy)).Should().NotBeNull("it is the copy of this database's latest version");
        // A backup of another database restored in its place, at the same version: its copy would run the wrong banks, and
        // a store resting on it would answer with them until the first change (version alone took it for current).
        (await CurrentWithAsync(other.Config, copy)).Should().BeNull("the other database's version 1 is another change");
        (await CurrentWithAsync(house.Config, copy with { StoredAt = null })).Should().BeNull("an older SolarHub's copy cannot be told from another's");

        await StoreAsync(house.Config, ConfigChangeApplier.Apply(TwoBanks(), [new BankRenamed("bank-1", "Renamed")]).Config);
        (await CurrentWithAsync(house.Config, copy)).Should().BeNull("a newer version is stored");
    }

    /// <summary>Stores <paramref name="config"/> and returns the copy a writer would keep of it.</summary>
    private static async Task<ConfigStartCopy> StoreAsync(ConfigDatabase database, HubConfig config)
    {
        await using var node = await Support.StoreNode.StartAsync(database, name: "writer");
        var accepted = (ChangesAccepted)await node.ReplaceAsync(config);
        return await ConfigStartCopy.OfStoredAsync(database, accepted.Version, accepted.Config, CancellationToken.None);
    }

    private static async Task<ConfigStartCopy?> CurrentWithAsync(ConfigDatabase database, ConfigStartCopy copy)
    {
        await copy.WriteAsync(ConfigStartCopy.PathFor(database)!, CancellationToken.None);
        return await ConfigStartCopy.ReadCurrentAsync(database, CancellationToken.None);
    }

    [Fact]
    public void There_is_no_copy_where_none_was_written_nor_for_postgresql()
    {
        ConfigStartCopy.TryRead(PathIn("missing.json")).Should().BeNull();
        ConfigStartCopy.PathFor(ConfigDatabase.Parse("postgresql://u:p@db.local/solarhub")).Should().BeNull();
        ConfigStartCopy.PathFor(ConfigDatabase.Sqlite(PathIn("hub.db"))).Should().Be(PathIn("hub.db") + ".start.json");
    }
}
