using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using MQTTnet;
using MQTTnet.Protocol;
using SolarHub.Configuration;

namespace SolarHub.Mqtt.Connection;

/// <summary>
/// Owns one MQTTnet client for one broker configuration. Connects with a last will (<c>&lt;base&gt;/status</c> =
/// offline, retained), says online once connected, reconnects with doubling waits whenever the broker goes away,
/// and publishes what its owner sends. Never blocks: connecting and disconnecting come back as messages (PipeTo);
/// publishes are started and only counted until they complete (confirmed to the owner when it asks, see <see cref="PublishToBroker"/>).
/// About 300 lines because it is one connection's state machine (connecting, online, waiting to reconnect, answering a
/// late last will with online) whose states must be read together to see that no publish is lost or doubled.
/// </summary>
public sealed class MqttConnection : ReceiveActor, IWithTimers
{
    // More unfinished publishes than this means the broker or the network cannot keep up: drop state (the next one is
    // a second away) rather than queue without bound (20 000 messages of about 700 bytes: some 14 MB). Retained
    // messages are never dropped. A flush of 1000 banks is a burst of 4000 at once, well below.
    private const int MaxInFlight = 20_000;

    private readonly MqttConfig _config;
    private readonly MqttTimings _timings;
    private readonly IActorRef _owner;
    private readonly MqttTopics _topics;
    private readonly IMqttClient _client;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _broker;
    private int _attempt;
    // Decremented by the publish's continuation, not by a message: at thousands of publishes a second, a completion
    // message per publish doubled the mailbox traffic for nothing but a counter.
    private int _inFlight;
    private int _failedPublishes;
    private long _dropped;
    private string? _lastError;

    public MqttConnection(MqttConfig config, MqttTimings timings, IActorRef owner)
    {
        _config = config;
        _timings = timings;
        _owner = owner;
        _topics = new MqttTopics(config);
        _broker = $"{config.Host}:{config.Port}";
        _client = new MqttClientFactory().CreateMqttClient();
        Disconnected();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(MqttConfig config, MqttTimings timings, IActorRef owner) =>
        Akka.Actor.Props.Create(() => new MqttConnection(config, timings, owner));

    private sealed record Connect;
    private sealed record ConnectSucceeded(MqttClientConnectResult Result);
    private sealed record ConnectFailed(Exception Error);
    private sealed record ConnectionLost(string Reason);
    private sealed record Goodbye;
    private sealed record Leave(DateTimeOffset Deadline);
    private sealed record HomeAssistantStatus(string Payload);
    private sealed record OwnStatus(string Payload);

    private static readonly TimeSpan LeaveGrace = TimeSpan.FromSeconds(3);

    protected override void PreStart()
    {
        var self = Self;
        // MQTTnet raises this on its own threads: turn it into a message.
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
                self.Tell(new ConnectionLost(e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString()));
            return Task.CompletedTask;
        };
        var homeAssistantStatus = HomeAssistantStatusTopic;
        var ownStatus = _topics.Status;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == homeAssistantStatus)
                self.Tell(new HomeAssistantStatus(e.ApplicationMessage.ConvertPayloadToString() ?? ""));
            else if (e.ApplicationMessage.Topic == ownStatus)
                self.Tell(new OwnStatus(e.ApplicationMessage.ConvertPayloadToString() ?? ""));
            return Task.CompletedTask;
        };
        Self.Tell(new Connect());
    }

    protected override void PostStop()
    {
        // A client still connected here closes its socket without a DISCONNECT: the broker publishes the last will.
        _client.Dispose();
    }

    private void Disconnected()
    {
        Receive<Connect>(_ => StartConnecting());
        Receive<PublishToBroker>(_ => { });
        Receive<ConnectionLost>(_ => { });
        Receive<DisconnectFromBroker>(_ => Context.Stop(Self));
        CommonReceives();
    }

    private void Connecting()
    {
        Receive<ConnectSucceeded>(m =>
        {
            if (m.Result.ResultCode != MqttClientConnectResultCode.Success)
            {
                Retry(Explain(m.Result.ResultCode, m.Result.ReasonString));
                return;
            }
            _attempt = 0;
            _lastError = null;
            _log.Info("MQTT: connected to {0} as {1}", _broker, _config.EffectiveClientId);
            Become(Connected);
            Send(MqttMessage.Text(_topics.Status, MqttTopics.Online, retain: true) with { AtLeastOnce = true });
            Context.System.EventStream.Publish(new MqttConnectionChanged(_broker, true, null, DateTimeOffset.UtcNow));
            _owner.Tell(BrokerConnected.Instance);
            FollowHomeAssistantStatus();
            FollowOwnStatus();
        });
        Receive<ConnectFailed>(m => Retry(Explain(m.Error)));
        Receive<PublishToBroker>(_ => { });
        Receive<ConnectionLost>(_ => { });
        Receive<DisconnectFromBroker>(_ => Context.Stop(Self));
        CommonReceives();
    }

    private void Connected()
    {
        Receive<PublishToBroker>(m => Send(m.Message, m.ConfirmationId));
        Receive<HomeAssistantStatus>(m =>
        {
            if (m.Payload != MqttTopics.Online) return;
            _log.Info("MQTT: Home Assistant is back ({0} = online); sending discovery again", HomeAssistantStatusTopic);
            _owner.Tell(HomeAssistantOnline.Instance);
        });
        Receive<OwnStatus>(m =>
        {
            if (m.Payload != MqttTopics.Offline) return;
            // The last will of an earlier connection under another client id, published when the broker noticed it had
            // gone: a cluster's MQTT output that moved to another host, whose predecessor was killed seconds ago.
            _log.Info("MQTT: {0} was set offline (the last will of an earlier connection?) while this hub is connected; saying online again", _topics.Status);
            Send(MqttMessage.Text(_topics.Status, MqttTopics.Online, retain: true) with { AtLeastOnce = true });
        });
        Receive<ConnectionLost>(m =>
        {
            _log.Warning("MQTT: lost the broker at {0}: {1}; reconnecting", _broker, m.Reason);
            Context.System.EventStream.Publish(new MqttConnectionChanged(_broker, false, m.Reason, DateTimeOffset.UtcNow));
            _owner.Tell(new BrokerDisconnected(m.Reason));
            if (Interlocked.Exchange(ref _failedPublishes, 0) is var failed and > 0) _log.Info("MQTT: {0} publishes failed as the connection went", failed);
            _attempt = 0;
            Become(Disconnected);
            Timers.StartSingleTimer("connect", new Connect(), _timings.ReconnectMin);
        });
        Receive<DisconnectFromBroker>(_ =>
        {
            Become(Leaving);
            Self.Tell(new Leave(DateTimeOffset.UtcNow + LeaveGrace));
        });
        CommonReceives();
    }

    private void Leaving()
    {
        // What the owner sent last (e.g. the removal of its entities) goes out before the goodbye, within a grace period.
        Receive<Leave>(m =>
        {
            if (Volatile.Read(ref _inFlight) > 0 && DateTimeOffset.UtcNow < m.Deadline)
            {
                Timers.StartSingleTimer("leave", m, TimeSpan.FromMilliseconds(20));
                return;
            }
            // Reason "with will message": the broker publishes the status offline, the same as when the hub dies.
            var options = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build();
            _client.DisconnectAsync(options).PipeTo(Self, success: () => new Goodbye(), failure: _ => new Goodbye());
        });
        Receive<Goodbye>(_ => Context.Stop(Self));
        Receive<PublishToBroker>(_ => { });
        Receive<ConnectionLost>(_ => { });
        Receive<DisconnectFromBroker>(_ => { });
        CommonReceives();
    }

    /// <summary>Home Assistant's birth and last will topic; null without discovery (nothing to send again).</summary>
    private string? HomeAssistantStatusTopic => _config.HaDiscovery ? $"{_config.DiscoveryPrefix}/status" : null;

    // Subscribed anew after each connect (clean start: the broker forgets subscriptions). A retained status is not
    // sent on subscribing: the connect itself already sends everything; only a later announcement matters.
    private void FollowHomeAssistantStatus()
    {
        if (HomeAssistantStatusTopic is not { } topic) return;
        var options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(topic).WithAtLeastOnceQoS().WithRetainHandling(MqttRetainHandling.DoNotSendOnSubscribe))
            .Build();
        var log = _log;
        _client.SubscribeAsync(options).ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully) log.Warning("MQTT: cannot follow {0}: {1}", topic, t.Exception?.GetBaseException().Message ?? "cancelled");
        }, TaskScheduler.Default);
    }

    // The hub's own status topic, as others set it (no local: not this connection's own "online"). The retained value
    // comes on subscribing: the "online" just said, or a will that overwrote it meanwhile.
    private void FollowOwnStatus()
    {
        var topic = _topics.Status;
        var options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(topic).WithAtLeastOnceQoS().WithNoLocal())
            .Build();
        var log = _log;
        _client.SubscribeAsync(options).ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully) log.Warning("MQTT: cannot follow {0}: {1}", topic, t.Exception?.GetBaseException().Message ?? "cancelled");
        }, TaskScheduler.Default);
    }

    private void CommonReceives()
    {
        // Home Assistant's status while not connected: the connect sends everything anyway.
        Receive<HomeAssistantStatus>(_ => { });
        Receive<OwnStatus>(_ => { });
        // A late answer from an attempt given up on (e.g. timed out after a reconnect was scheduled).
        Receive<ConnectSucceeded>(_ => { });
        Receive<ConnectFailed>(_ => { });
    }

    private void StartConnecting()
    {
        Become(Connecting);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_config.Host, _config.Port)
            .WithClientId(_config.EffectiveClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithKeepAlivePeriod(_timings.KeepAlive)
            .WithTimeout(_timings.ConnectTimeout)
            .WithWillTopic(_topics.Status)
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_config.Username is { } user) options = options.WithCredentials(user, _config.Password ?? "");
        _client.ConnectAsync(options.Build()).PipeTo(Self, success: r => new ConnectSucceeded(r), failure: e => new ConnectFailed(e));
    }

    private void Retry(string error)
    {
        var wait = _timings.ReconnectDelay(_attempt++);
        // Said once per kind of failure, not once per attempt: a broker down for an hour is one warning.
        if (error != _lastError)
        {
            _log.Warning("MQTT: cannot connect to {0}: {1}; retrying (every {2} s at most)", _broker, error, _timings.ReconnectMax.TotalSeconds);
            Context.System.EventStream.Publish(new MqttConnectionChanged(_broker, false, error, DateTimeOffset.UtcNow));
        }
        _lastError = error;
        Become(Disconnected);
        Timers.StartSingleTimer("connect", new Connect(), wait);
    }

    private void Send(MqttMessage message, long? confirmationId = null)
    {
        if (Volatile.Read(ref _inFlight) >= MaxInFlight && !message.Retain)
        {
            if (_dropped++ % 1000 == 0) _log.Warning("MQTT: the broker at {0} does not keep up; {1} state updates dropped so far", _broker, _dropped);
            return;
        }
        Interlocked.Increment(ref _inFlight);
        var built = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithRetainFlag(message.Retain)
            .WithQualityOfServiceLevel(message.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        var publishing = _client.PublishAsync(built);
        publishing.ContinueWith(static (task, state) =>
        {
            var self = (MqttConnection)state!;
            Interlocked.Decrement(ref self._inFlight);
            if (!task.IsCompletedSuccessfully) Interlocked.Increment(ref self._failedPublishes);
        }, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (confirmationId is { } id) ConfirmWhenAcknowledged(publishing, message.Topic, id);
    }

    // Only what the owner must not lose asks for it (removals: rare), so a continuation of its own each costs nothing
    // that matters.
    private void ConfirmWhenAcknowledged(Task<MqttClientPublishResult> publishing, string topic, long id)
    {
        var (owner, self) = (_owner, Self);
        publishing.ContinueWith(task =>
        {
            if (task.IsCompletedSuccessfully && task.Result.IsSuccess) owner.Tell(new PublishConfirmed(topic, id), self);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private string Explain(Exception error) => error switch
    {
        _ when Find<SocketException>(error) is { } socket => $"cannot reach the broker at {_broker}: {socket.Message}",
        OperationCanceledException or TimeoutException => $"no answer from the broker at {_broker} within {_timings.ConnectTimeout.TotalSeconds} s",
        _ => $"{error.GetBaseException().Message}",
    };

    private string Explain(MqttClientConnectResultCode code, string? reason)
    {
        var text = code switch
        {
            // Mosquitto answers a wrong password with "not authorized" under MQTT 5: both mean "check the credentials".
            MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized => _config.Username is null
                ? "the broker does not accept anonymous clients (set mqtt.username and mqtt.password)"
                : $"the broker refused user '{_config.Username}': wrong user name or password, or not authorised (check mqtt.username and mqtt.password)",
            MqttClientConnectResultCode.ClientIdentifierNotValid => $"the broker refused the client id '{_config.EffectiveClientId}' (set mqtt.client_id)",
            _ => $"the broker refused the connection: {code}",
        };
        return string.IsNullOrEmpty(reason) ? text : $"{text} ({reason})";
    }

    private static T? Find<T>(Exception? error) where T : Exception
    {
        for (; error is not null; error = error.InnerException)
            if (error is T found) return found;
        return null;
    }
}
