using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Alerts;
using SolarHub.Core.Hosting;
using SolarHub.Core.Telemetry;
using SolarHub.Mqtt.Connection;

namespace SolarHub.Mqtt.Bridge;

/// <summary>
/// Publishes the hub's telemetry to MQTT. Follows <see cref="PackTelemetry"/> and <see cref="BankTelemetry"/> on the
/// event stream (on a cluster node also those relayed from the other nodes, <see cref="RelayedBankEvent"/>), keeps only the latest of each, and every publish interval sends what changed: state topics, the
/// availability of each bank and pack (online only while fresh), and Home Assistant discovery when it is on. Owns a
/// <see cref="MqttConnection"/> child per broker configuration; a <see cref="HubConfigChanged"/> (told, or on the
/// event stream when following the store) switches brokers and removes the entities of banks that are gone.
/// What to send is decided by plain classes beside it (<see cref="BridgedBanks"/>, <see cref="BrokerOutput"/>,
/// <see cref="PublishedEntity{T}"/>, <see cref="AlertOutput"/> for the alert rules' problem sensors); the actor keeps the connection's lifecycle and the clears that wait for the broker (<see cref="UnconfirmedClears"/>).
/// </summary>
public sealed class MqttBridge : ReceiveActor, IWithTimers
{
    private readonly MqttTimings _timings;
    private readonly bool _followConfigChanges;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly BridgedBanks _banks = new();
    private readonly AlertOutput _alerts = new();
    // Retained topics of removed banks and packs, sent again on every connect until the broker has acknowledged them.
    private readonly UnconfirmedClears _unconfirmedClears = new();
    private readonly Func<MqttConfig, IActorRef, Props> _connectionProps;
    private long _appliedVersion = -1;
    private MqttConfig? _mqtt;
    private IActorRef? _connection;
    // The connection being left: the next one starts when it has gone, so the two never share a client id (the
    // broker would drop the old one before it sent its last messages, e.g. the removal of old entities).
    private IActorRef? _leaving;
    private int _generation;
    private bool _connected;
    private DateTimeOffset _connectedAt;
    // Null while there is no broker.
    private BrokerOutput? _output;

    public MqttBridge(MqttConfig? mqtt, IReadOnlyList<BankConfig>? banks, MqttTimings timings, bool followConfigChanges, AlertsConfig? alerts,
        Func<MqttConfig, IActorRef, Props> connectionProps)
    {
        _timings = timings;
        _connectionProps = connectionProps;
        _followConfigChanges = followConfigChanges;
        Apply(mqtt, banks, alerts);

        Receive<PackTelemetry>(OnPack);
        Receive<BankTelemetry>(OnBank);
        Receive<BankEnergy>(OnEnergy);
        // A cluster's other nodes' banks, relayed: the bridge runs once per cluster (a singleton) and publishes them all.
        Receive<RelayedBankEvent>(m =>
        {
            if (m.Event is PackTelemetry pack) OnPack(pack);
            else if (m.Event is BankTelemetry totals) OnBank(totals);
            else if (m.Event is BankEnergy energy) OnEnergy(energy);
            else if (m.Event is AlertRaised raised) _alerts.Raise(raised);
            else if (m.Event is AlertCleared cleared) _alerts.Clear(cleared);
        });
        // Alerts are rare: followed with or without a broker, so a broker set later shows what is raised.
        Receive<AlertRaised>(_alerts.Raise);
        Receive<AlertCleared>(_alerts.Clear);
        Receive<AlertsReport>(m =>
        {
            Timers.Cancel("alerts-wait");
            _alerts.Raised(m.Active);
        });
        Receive<AlertsUnanswered>(_ =>
        {
            _log.Info("MQTT: no answer on the raised alerts within {0}; alert states follow the alerts raised from now on", _timings.AlertsWaitMax);
            _alerts.StopWaiting();
        });
        Receive<HubConfigChanged>(m =>
        {
            if (m.Version <= _appliedVersion) return;
            _appliedVersion = m.Version;
            Apply(m.Config.Mqtt, m.Config.Banks, m.Config.Alerts);
        });
        Receive<BrokerConnected>(_ =>
        {
            if (!Sender.Equals(_connection)) return;
            _connected = true;
            _connectedAt = Now;
            foreach (var (topic, id) in _unconfirmedClears.All) SendClear(topic, id);
            _banks.ForgetWhatWasSaid();
            _alerts.ForgetWhatWasSaid();
            Flush();
        });
        Receive<BrokerDisconnected>(_ =>
        {
            if (Sender.Equals(_connection)) _connected = false;
        });
        Receive<PublishConfirmed>(m =>
        {
            if (Sender.Equals(_connection)) _unconfirmedClears.Confirmed(m.Topic, m.ConfirmationId);
        });
        Receive<HomeAssistantOnline>(_ =>
        {
            if (!Sender.Equals(_connection)) return;
            var wait = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * _timings.RediscoveryDelayMax.Ticks));
            Timers.StartSingleTimer("rediscover", Rediscover.Instance, wait);
        });
        Receive<Rediscover>(_ =>
        {
            // Home Assistant forgot the entities and their states: discovery, availability and state are said again.
            if (!_connected) return; // a reconnect sends them anyway
            _banks.ForgetWhatWasSaid();
            _alerts.ForgetWhatWasSaid();
            Flush();
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
    /// <param name="alerts">The alert rules (null: the built-in ones): a problem sensor per enabled rule of each configured bank.</param>
    public static Props Props(MqttConfig? mqtt, IReadOnlyList<BankConfig>? banks, MqttTimings? timings = null, bool followConfigChanges = false, AlertsConfig? alerts = null)
    {
        var effective = timings ?? MqttTimings.Default;
        return Akka.Actor.Props.Create(() => new MqttBridge(mqtt, banks, effective, followConfigChanges, alerts,
            (config, owner) => MqttConnection.Props(config, effective, owner)));
    }

    /// <param name="connectionProps">What stands in for the <see cref="MqttConnection"/>: a test drives the bridge's side of
    /// the protocol, in an order a real broker cannot be made to keep.</param>
    internal static Props Props(MqttConfig mqtt, IReadOnlyList<BankConfig> banks, MqttTimings timings, Func<MqttConfig, IActorRef, Props> connectionProps) =>
        Akka.Actor.Props.Create(() => new MqttBridge(mqtt, banks, timings, false, null, connectionProps));

    private sealed record FlushTick
    {
        public static FlushTick Instance { get; } = new();
    }

    private sealed record Rediscover
    {
        public static Rediscover Instance { get; } = new();
    }

    private sealed record AlertsUnanswered
    {
        public static AlertsUnanswered Instance { get; } = new();
    }

    protected override void PreStart()
    {
        if (_followConfigChanges) HubConfigFollowing.Start(Context);
        Context.System.EventStream.Subscribe(Self, typeof(AlertRaised));
        Context.System.EventStream.Subscribe(Self, typeof(AlertCleared));
        // What was raised before this bridge started (a restart, a singleton moving): on a cluster node, on every member;
        // none when no watcher runs here.
        var self = Self;
        ActorRegistry.For(Context.System).GetAsync<AllAlertsKey>().ContinueWith(found =>
        {
            if (found.IsCompletedSuccessfully) found.Result.Tell(GetAlerts.Instance, self);
        }, TaskContinuationOptions.ExecuteSynchronously);
        Timers.StartSingleTimer("alerts-wait", AlertsUnanswered.Instance, _timings.AlertsWaitMax);
        Timers.StartPeriodicTimer("flush", FlushTick.Instance, _timings.PublishInterval);
    }

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private void OnPack(PackTelemetry pack)
    {
        if (_banks.For(pack.BankId) is { } bank) bank.Pack(pack.Address).State.Update(pack, Now);
    }

    private void OnBank(BankTelemetry totals)
    {
        if (_banks.For(totals.BankId) is { } bank) bank.Totals.Update(totals, Now);
    }

    private void OnEnergy(BankEnergy energy) => _banks.For(energy.BankId)?.Energy.Update(energy);

    private void Apply(MqttConfig? mqtt, IReadOnlyList<BankConfig>? banks, AlertsConfig? alerts)
    {
        if (banks is not null)
        {
            var removed = _banks.Reconcile(banks);
            foreach (var bank in removed.Banks) RemoveFromBroker(bank);
            foreach (var (bankId, pack) in removed.Packs) ClearRetained(_output?.Removal(bankId, pack));
            ClearRetained(_alerts.Reconcile(banks, alerts, _output is null ? null : _mqtt));
        }
        if (mqtt != _mqtt) SwitchBroker(mqtt);
    }

    private void SwitchBroker(MqttConfig? mqtt)
    {
        if (_connection is not null)
        {
            // Entities under other topics (or on another broker) would otherwise linger in Home Assistant.
            if (_connected && BrokerOutput.LeavesEntitiesBehind(_mqtt!, mqtt))
            {
                foreach (var bank in _banks.All) RemoveFromBroker(bank);
                ClearRetained(_alerts.Removal(_mqtt!));
            }
            _connection.Tell(DisconnectFromBroker.Instance);
            Context.Watch(_connection);
            _leaving = _connection;
            _log.Info("MQTT: leaving {0}", _mqtt!.Describe());
        }
        _connection = null;
        _connected = false;
        // Clears still waiting are owed to the broker: a new connection to the same one (the password fixed while it refused
        // the old one, say) sends them; another broker never had those topics.
        if (mqtt is null || _mqtt is null || !_mqtt.IsSameBrokerAs(mqtt)) _unconfirmedClears.Clear();
        _mqtt = mqtt;
        FollowTelemetry(mqtt is not null);
        _banks.ForgetBroker();
        _alerts.ForgetWhatWasSaid();
        _output = mqtt is null ? null : new BrokerOutput(mqtt, _timings);
        if (mqtt is not null && _leaving is null) StartConnection();
    }

    private void StartConnection()
    {
        if (_mqtt is null || _connection is not null) return;
        _connection = Context.ActorOf(_connectionProps(_mqtt, Self), $"connection-{++_generation}");
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
            Context.System.EventStream.Subscribe(Self, typeof(BankEnergy));
            Context.System.EventStream.Subscribe(Self, typeof(RelayedBankEvent));
        }
        else
        {
            Context.System.EventStream.Unsubscribe(Self, typeof(PackTelemetry));
            Context.System.EventStream.Unsubscribe(Self, typeof(BankTelemetry));
            Context.System.EventStream.Unsubscribe(Self, typeof(BankEnergy));
            Context.System.EventStream.Unsubscribe(Self, typeof(RelayedBankEvent));
        }
    }

    private void Flush()
    {
        if (!_connected || _output is null) return;
        _output.Flush(_banks.All, Now, _connectedAt, Send);
        _alerts.Flush(_mqtt!, Send);
    }

    private void RemoveFromBroker(BankOutput bank) => ClearRetained(_output?.Removal(bank));

    /// <summary>An empty retained message for each topic: now, and again on each connect until the broker confirms it.</summary>
    private void ClearRetained(IReadOnlyList<string>? topics)
    {
        foreach (var topic in topics ?? [])
        {
            var id = _unconfirmedClears.Add(topic);
            // Connected as far as the bridge knows: the connection may have lost the broker a moment ago.
            if (_connected) SendClear(topic, id);
        }
    }

    private void Send(MqttMessage message) => _connection?.Tell(new PublishToBroker(message));

    private void SendClear(string topic, long id) => _connection?.Tell(new PublishToBroker(MqttMessage.Clear(topic), ConfirmationId: id));
}
