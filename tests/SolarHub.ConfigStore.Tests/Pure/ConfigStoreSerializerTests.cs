using System.IO.Ports;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using SolarHub.ConfigStore.Tests.Support;
using SolarHub.Configuration;
using SolarHub.Protocol.Jk;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Pure;

public sealed class ConfigStoreSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-test", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
    private readonly ConfigStoreSerializer _serializer;

    public ConfigStoreSerializerTests() => _serializer = new ConfigStoreSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private static readonly AdapterConfig Unusual = new("odd", AdapterProtocol.JkActive,
        new SerialTransport("/dev/ttyS1", 9600, Parity.Even, 7, StopBits.Two), Priority: 4, Enabled: false,
        Layout: JkLayout.JK02_24S, PollTimeout: TimeSpan.FromMilliseconds(1250), PollGap: TimeSpan.FromMilliseconds(130))
    { Node = "pi-garage" };

    /// <summary>One of each kind, with every field away from its default somewhere.</summary>
    public static TheoryData<string, IConfigChange> EveryChange => new()
    {
        { "bank-added", new BankAdded("b1", "Bänk \"one\"", [new PackConfig(0, 8), new PackConfig(15, 32)]) },
        { "bank-removed", new BankRemoved("b1") },
        { "bank-renamed", new BankRenamed("b1", "Shed") },
        { "bank-packs-changed", new BankPacksChanged("b1", Packs(1, 2)) },
        { "adapter-attached", new AdapterAttached("b1", Unusual) },
        { "adapter-detached", new AdapterDetached("b1", "odd") },
        { "adapter-priority-changed", new AdapterPriorityChanged("b1", "odd", 7) },
        { "adapter-enabled-changed", new AdapterEnabledChanged("b1", "odd", true) },
        { "adapter-settings-changed", new AdapterSettingsChanged("b1", Tcp("gw", 2, 8899, "gw.local")) },
        { "adapter-node-changed", new AdapterNodeChanged("b1", "odd", "pi-shed") },
        { "adapter-node-changed", new AdapterNodeChanged("b1", "odd", null) },
        { "array-defined", new ArrayDefined(new BatteryArrayConfig("all", "All", ["b1", "b2"])) },
        { "array-removed", new ArrayRemoved("all") },
    };

    [Theory]
    [MemberData(nameof(EveryChange))]
    public void Every_change_kind_round_trips_under_its_stable_name(string kind, IConfigChange change)
    {
        var set = new ConfigChangeSet(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), "test", [change]);

        var bytes = _serializer.ToBinary(set);
        var manifest = _serializer.Manifest(set);
        var restored = (ConfigChangeSet)_serializer.FromBinary(bytes, manifest);

        manifest.Should().Be("change-set.v1");
        Encoding.UTF8.GetString(bytes).Should().Contain($"\"$kind\":\"{kind}\"", "type names are part of the stored format");
        restored.Changes.Should().ContainSingle().Which.Should().BeOfType(change.GetType());
        restored.Changes[0].Should().BeEquivalentTo(change, o => o.RespectingRuntimeTypes());
        restored.Changes[0].Describe().Should().Be(change.Describe());
        (restored.At, restored.Source).Should().Be((set.At, set.Source));
        _serializer.ToBinary(restored).Should().Equal(bytes, "what is read back is written the same way");
    }

    [Fact]
    public void A_change_set_of_every_kind_and_a_snapshot_round_trip()
    {
        var set = new ConfigChangeSet(DateTimeOffset.UnixEpoch, "import config.yaml", EveryChange.Select(row => (IConfigChange)row[1]).ToList());
        var restoredSet = (ConfigChangeSet)_serializer.FromBinary(_serializer.ToBinary(set), _serializer.Manifest(set));
        restoredSet.Changes.Select(c => c.Describe()).Should().Equal(set.Changes.Select(c => c.Describe()));
        _serializer.ToBinary(restoredSet).Should().Equal(_serializer.ToBinary(set));

        var config = TwoBanks() with { IgnoredSections = ["inverters"] };
        config = config with { Banks = [.. config.Banks, new BankConfig("odd", "Odd", [new PackConfig(3, 8)], [Unusual])] };
        var bytes = _serializer.ToBinary(config);
        var snapshot = (HubConfig)_serializer.FromBinary(bytes, _serializer.Manifest(config));

        _serializer.Manifest(config).Should().Be("config.v1");
        Canonical(snapshot).Should().Be(Canonical(config));
        snapshot.IgnoredSections.Should().Equal("inverters");
        snapshot.Banks.Single(b => b.Id == "odd").Adapters.Single().Should().Be(Unusual);
        var json = Encoding.UTF8.GetString(bytes);
        json.Should().Contain("\"node\":\"pi-garage\"", "the node has an init setter: it is stored, not derived");
        json.Should().NotContain("failoverOrder").And.NotContain("effectivePollTimeout").And.NotContain("batteryArrays", "derived values are not stored");
    }

    [Fact]
    public void An_attached_adapter_keeps_its_node_through_a_change_set()
    {
        var set = new ConfigChangeSet(DateTimeOffset.UnixEpoch, "adapter add b1/odd", [new AdapterAttached("b1", Unusual)]);

        var restored = (ConfigChangeSet)_serializer.FromBinary(_serializer.ToBinary(set), _serializer.Manifest(set));

        restored.Changes.Should().ContainSingle().Which.Should().BeOfType<AdapterAttached>().Which.Adapter.Node.Should().Be("pi-garage");
    }

    [Fact]
    public void Unknown_manifests_are_refused()
    {
        var act = () => _serializer.FromBinary("{}"u8.ToArray(), "change-set.v999");
        act.Should().Throw<System.Runtime.Serialization.SerializationException>().WithMessage("*change-set.v999*");
    }
}
