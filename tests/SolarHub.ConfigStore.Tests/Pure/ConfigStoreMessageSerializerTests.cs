using Akka.Actor;
using Akka.Configuration;
using SolarHub.Configuration.Validation;
using static SolarHub.ConfigStore.Tests.Support.Configs;

namespace SolarHub.ConfigStore.Tests.Pure;

/// <summary>The store's requests and answers as they cross between cluster nodes (a write to the cluster's one writer and back).</summary>
public sealed class ConfigStoreMessageSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("message-serializer-test", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
    private readonly ConfigStoreMessageSerializer _serializer;

    public ConfigStoreMessageSerializerTests() => _serializer = new ConfigStoreMessageSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private T RoundTrip<T>(T message) where T : notnull
    {
        var bytes = _serializer.ToBinary(message);
        var restored = _serializer.FromBinary(bytes, _serializer.Manifest(message));
        restored.Should().BeOfType<T>();
        _serializer.ToBinary(restored).Should().Equal(bytes, "what is read back is written the same way");
        return (T)restored;
    }

    [Fact]
    public void A_write_keeps_its_changes_kinds_source_dry_run_and_request_id()
    {
        var id = Guid.NewGuid();
        var propose = new ProposeChanges([new AdapterEnabledChanged("b1", "gw", false), new BankRenamed("b1", "Shed")], "api", DryRun: true) { RequestId = id };

        var restored = RoundTrip(propose);

        restored.Changes.Select(c => c.GetType()).Should().Equal(typeof(AdapterEnabledChanged), typeof(BankRenamed));
        restored.Changes.Select(c => c.Describe()).Should().Equal(propose.Changes.Select(c => c.Describe()));
        (restored.Source, restored.DryRun, restored.RequestId).Should().Be(("api", true, id));
    }

    [Fact]
    public void A_replacement_keeps_its_whole_target_configuration()
    {
        var replace = new ReplaceConfig(TwoBanks(), "import", DryRun: false) { RequestId = Guid.NewGuid() };

        var restored = RoundTrip(replace);

        Canonical(restored.Target).Should().Be(Canonical(replace.Target));
        restored.RequestId.Should().Be(replace.RequestId);
    }

    [Fact]
    public void Every_answer_comes_back_as_it_was_sent()
    {
        var config = TwoBanks();
        var accepted = RoundTrip(new ChangesAccepted([new AdapterEnabledChanged("b1", "gw", true)], config, 42, Stored: true));
        accepted.Changes.Should().ContainSingle().Which.Should().BeEquivalentTo(new AdapterEnabledChanged("b1", "gw", true));
        (accepted.Version, accepted.Stored).Should().Be((42, true));
        Canonical(accepted.Config).Should().Be(Canonical(config));

        var rejected = RoundTrip(new ChangesRejected([new ConfigError(3, 7, "banks[0].adapters[1].priority", "must be 1 to 1000", "config.yaml")]));
        rejected.Errors.Should().ContainSingle().Which.Should().Be(new ConfigError(3, 7, "banks[0].adapters[1].priority", "must be 1 to 1000", "config.yaml"));

        RoundTrip(new ChangesFailed("the database is read-only") { MayRetry = true }).Should().Be(new ChangesFailed("the database is read-only") { MayRetry = true });

        var stored = RoundTrip(new StoredConfig(config, 7));
        (Canonical(stored.Config), stored.Version).Should().Be((Canonical(config), 7));

        RoundTrip(GetStoredConfig.Instance).Should().BeSameAs(GetStoredConfig.Instance);
    }

    [Fact]
    public void A_message_it_does_not_carry_is_refused_by_name()
    {
        var act = () => _serializer.FromBinary([], "no-such-message");

        act.Should().Throw<System.Runtime.Serialization.SerializationException>().WithMessage("*no-such-message*");
        _serializer.Invoking(s => s.Manifest("a string")).Should().Throw<ArgumentException>();
    }
}
