using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration;
using SolarHub.Core.Hosting;
using SolarHub.Core.Telemetry;
using SolarHub.Mqtt.Connection;
using SolarHub.Mqtt.HomeAssistant;

namespace SolarHub.Mqtt.Bridge;

/// <summary>
/// Publishes the hub's telemetry to MQTT. Follows <see cref="PackTelemetry"/> and <see cref="BankTelemetry"/> on the
/// event stream, keeps only the latest of each, and every publish interval sends what changed: state topics, the
/// availability of each bank and pack (online only while fresh), and Home Assistant discovery when it is on. Owns a
/// <see cref="MqttConnection"/> child per broker configuration; a <see cref="HubConfigChanged"/> (told, or on the
/// event stream when following the store) switches brokers and removes the entities of banks that are gone.
/// </summary>
public sealed class MqttBridge : ReceiveActor, IWithTimers
{
    private readonly MqttTimings _timings;
    private readonly bool _followConfigChanges;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, BankOutput> _banks = new(StringComparer.Ordinal);
    // Retained topics of removed banks and packs to clear once the broker is back (removed while it was away).
    private readonly HashSet<string> _pendingClears = new(StringComparer.Ordinal);
    private long _appliedVersion = -1;
    private MqttConfig? _mqtt;
    // Null: no bank configuration is known (an embedding host gave only the broker), so every bank seen is published.
    private IReadOnlySet<string>? _configuredBanks;
    private IActorRef? _connection;
    // The connection being left: the next one starts when it has gone, so the two never share a client id (the
    // broker would drop the old one before it sent its last messages, e.g. the removal of old entities).
    private IActorRef? _leaving;
    private int _generation;
    private bool _connected;
    private DateTimeOffset _connectedAt;
    private MqttTopics? _topics;
    private HaDiscovery? _discovery;

    public MqttBridge(MqttConfig? mqtt, IReadOnlyList<BankConfig>? banks, MqttTimings timings, bool followConfigChanges)
    {
        _timings = timings;
        _followConfigChanges = followConfigChanges;
        Apply(mqtt, banks);

        Receive<PackTelemetry>(OnPack);
        Receive<BankTelemetry>(OnBank);
        Receive<HubConfigChanged>(m =>
        {
            if (m.Version <= _appliedVersion) return;
            _appliedVersion = m.Version;
            Apply(m.Config.Mqtt, m.Config.Banks);
        });
        Receive<BrokerConnected>(_ =>
        {
            if (!Sender.Equals(_connection)) return;
            _connected = true;
            _connectedAt = Now;
            foreach (var topic in _pendingClears) Send(MqttMessage.Clear(topic));
            _pendingClears.Clear();
            foreach (var bank in _banks.Values) ForgetWhatWasSaid(bank);
            Flush();
        });
        Receive<BrokerDisconnected>(_ =>
        {
            if (Sender.Equals(_connection)) _connected = false;
        });
        Receive<FlushTick>(_ => Flush());
        Receive<Terminated>(m =>
        {
            if (!m.ActorRef.Equals(_leaving)) return;
            _leaving = null;
            StartConnection();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="mqtt">The broker; null: publish nothing until a configuration with one arrives.</param>
    /// <param name="banks">The configured banks (their entities exist before data flows, shown unavailable); null: every bank seen.</param>
    public static Props Props(MqttConfig? mqtt, IReadOnlyList<BankConfig>? banks, MqttTimings? timings = null, bool followConfigChanges = false) =>
        Akka.Actor.Props.Create(() => new MqttBridge(mqtt, banks, timings ?? MqttTimings.Default, followConfigChanges));

    private sealed record FlushTick
    {
        public static FlushTick Instance { get; } = new();
    }

    protected override void PreStart()
    {
        if (_followConfigChanges) HubConfigFollowing.Start(Context);
        Timers.StartPeriodicTimer("flush", FlushTick.Instance, _timings.PublishInterval);
    }

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private void OnPack(PackTelemetry pack)
    {
        if (BankFor(pack.BankId) is { } bank) bank.Pack(pack.Address).State.Update(pack, Now);
    }

    private void OnBank(BankTelemetry totals)
    {
        if (BankFor(totals.BankId) is { } bank) bank.Totals.Update(totals, Now);
    }

    private BankOutput? BankFor(string bankId)
    {
        if (_banks.TryGetValue(bankId, out var bank)) return bank;
        // A bank being removed may still report once; it must not come back.
        if (_configuredBanks is not null) return null;
        return _banks[bankId] = new BankOutput(bankId, bankId);
    }

    private void Apply(MqttConfig? mqtt, IReadOnlyList<BankConfig>? banks)
    {
        if (banks is not null)
        {
            var wanted = banks.ToDictionary(b => b.Id, StringComparer.Ordinal);
            foreach (var gone in _banks.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
            {
                RemoveFromBroker(_banks[gone]);
                _banks.Remove(gone);
            }
            foreach (var config in banks)
            {
                if (!_banks.TryGetValue(config.Id, out var bank)) _banks[config.Id] = bank = new BankOutput(config.Id, config.Name);
                if (bank.Name != config.Name)
                {
                    bank.Name = config.Name;
                    ForgetDiscovery(bank);
                }
                foreach (var address in bank.Packs.Keys.Where(a => config.Packs.All(p => p.Address != a)).ToList())
                {
                    RemoveFromBroker(bank.Id, bank.Packs[address]);
                    bank.Packs.Remove(address);
                }
                foreach (var packConfig in config.Packs)
                    bank.Pack(packConfig.Address, packConfig.Cells).ConfiguredShape = new PackShape(packConfig.Cells, 0, false);
            }
            _configuredBanks = wanted.Keys.ToHashSet(StringComparer.Ordinal);
        }
        if (mqtt != _mqtt) SwitchBroker(mqtt);
    }

    private void SwitchBroker(MqttConfig? mqtt)
    {
        if (_connection is not null)
        {
            // Entities under other topics (or on another broker) would otherwise linger in Home Assistant.
            if (_connected && _mqtt is { HaDiscovery: true } old && (mqtt is null || !mqtt.HaDiscovery || WithoutCredentials(old) != WithoutCredentials(mqtt)))
                foreach (var bank in _banks.Values) RemoveFromBroker(bank);
            _connection.Tell(DisconnectFromBroker.Instance);
            Context.Watch(_connection);
            _leaving = _connection;
            _log.Info("MQTT: leaving {0}", _mqtt!.Describe());
        }
        _connection = null;
        _connected = false;
        _pendingClears.Clear(); // they were the old broker's
        _mqtt = mqtt;
        FollowTelemetry(mqtt is not null);
        foreach (var bank in _banks.Values)
        {
            ForgetDiscovery(bank);
            bank.Totals.DiscoveryTopics.Clear();
            bank.Totals.Topics = null;
            foreach (var pack in bank.Packs.Values)
            {
                pack.State.DiscoveryTopics.Clear();
                pack.State.Topics = null;
            }
        }
        if (mqtt is null)
        {
            _topics = null;
            _discovery = null;
            return;
        }
        _topics = new MqttTopics(mqtt);
        _discovery = new HaDiscovery(mqtt);
        if (_leaving is null) StartConnection();
    }

    private void StartConnection()
    {
        if (_mqtt is null || _connection is not null) return;
        _connection = Context.ActorOf(MqttConnection.Props(_mqtt, _timings, Self), $"connection-{++_generation}");
        _log.Info("MQTT: publishing to {0}", _mqtt.Describe());
    }

    // A hub without MQTT output does not pay for it: telemetry (several messages a second per pack) is only followed
    // while there is a broker; the next frames after a broker is set are fresh within a second.
    private void FollowTelemetry(bool follow)
    {
        if (follow)
        {
            Context.System.EventStream.Subscribe(Self, typeof(PackTelemetry));
            Context.System.EventStream.Subscribe(Self, typeof(BankTelemetry));
        }
        else
        {
            Context.System.EventStream.Unsubscribe(Self, typeof(PackTelemetry));
            Context.System.EventStream.Unsubscribe(Self, typeof(BankTelemetry));
        }
    }

    private static MqttConfig WithoutCredentials(MqttConfig mqtt) => mqtt with { Username = null, Password = null, ClientId = null };

    private void Flush()
    {
        if (!_connected || _topics is null) return;
        var now = Now;
        foreach (var bank in _banks.Values)
        {
            if (_mqtt!.HaDiscovery && !bank.Discovered)
            {
                Discover(bank.Totals.DiscoveryTopics, _discovery!.Bank(bank.Id, bank.Name));
                bank.Discovered = true;
            }
            // Topics are kept on the bank and pack they name (and go with them): the flush builds no strings.
            bank.Totals.Topics ??= new EntityTopics(_topics.BankState(bank.Id), _topics.BankAvailability(bank.Id));
            Say(bank.Totals, t => t.Stale, StatePayloads.Bank, now);

            foreach (var pack in bank.Packs.Values)
            {
                var shape = pack.Shape;
                // A pack's first frame tells its real shape (temperature sensors); a pack without data is discovered
                // from its configuration only once it had time to report, so the entities are not sent twice.
                bool shapeKnown = pack.State.Latest is not null || now - _connectedAt >= _timings.StaleAfter;
                if (_mqtt.HaDiscovery && shapeKnown && shape != pack.DiscoveredShape)
                {
                    Discover(pack.State.DiscoveryTopics, _discovery!.Pack(bank.Id, bank.Name, pack.Address, shape));
                    pack.DiscoveredShape = shape;
                }
                pack.State.Topics ??= new EntityTopics(_topics.PackState(bank.Id, pack.Address), _topics.PackAvailability(bank.Id, pack.Address));
                Say(pack.State, p => p.Stale, StatePayloads.Pack, now);
            }
        }
    }

    /// <summary>
    /// Going unavailable is said before the last state, coming back after the new one: Home Assistant never shows
    /// old values as live, not even for a moment.
    /// </summary>
    private void Say<T>(PublishedEntity<T> entity, Func<T, bool> stale, Func<T, byte[]> payload, DateTimeOffset now)
        where T : class
    {
        var (stateTopic, availabilityTopic) = entity.Topics!;
        var available = entity.IsAvailable(stale, now, _timings.StaleAfter);
        var changed = entity.SaidAvailable != available;
        if (changed && !available) Send(MqttMessage.Text(availabilityTopic, MqttTopics.Offline, retain: true));
        if (entity.StateDirty && entity.Latest is { } latest)
        {
            Send(new MqttMessage(stateTopic, payload(latest), Retain: false));
            entity.StateDirty = false;
        }
        if (changed && available) Send(MqttMessage.Text(availabilityTopic, MqttTopics.Online, retain: true));
        entity.SaidAvailable = available;
    }

    /// <summary>Sends the configs, and clears the ones published before that this set no longer has (e.g. fewer cells).</summary>
    private void Discover(HashSet<string> published, IEnumerable<MqttMessage> configs)
    {
        var now = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            Send(config);
            now.Add(config.Topic);
        }
        foreach (var stale in published.Where(t => !now.Contains(t))) Send(MqttMessage.Clear(stale));
        published.Clear();
        published.UnionWith(now);
    }

    private void RemoveFromBroker(BankOutput bank)
    {
        foreach (var pack in bank.Packs.Values) RemoveFromBroker(bank.Id, pack);
        if (_topics is null) return;
        Clear(bank.Totals.DiscoveryTopics);
        Clear([_topics.BankAvailability(bank.Id)]);
    }

    private void RemoveFromBroker(string bankId, PackOutput pack)
    {
        if (_topics is null) return;
        Clear(pack.State.DiscoveryTopics);
        Clear([_topics.PackAvailability(bankId, pack.Address)]);
    }

    /// <summary>An empty retained message for each topic: now, or when the broker is back.</summary>
    private void Clear(ICollection<string> topics)
    {
        foreach (var topic in topics)
        {
            if (_connected) Send(MqttMessage.Clear(topic));
            else _pendingClears.Add(topic);
        }
        if (!topics.IsReadOnly) topics.Clear();
    }

    private static void ForgetDiscovery(BankOutput bank)
    {
        bank.Discovered = false;
        foreach (var pack in bank.Packs.Values) pack.DiscoveredShape = null;
    }

    private static void ForgetWhatWasSaid(BankOutput bank)
    {
        ForgetDiscovery(bank);
        bank.Totals.ForgetWhatWasSaid();
        foreach (var pack in bank.Packs.Values) pack.State.ForgetWhatWasSaid();
    }

    private void Send(MqttMessage message) => _connection?.Tell(new PublishToBroker(message));
}
