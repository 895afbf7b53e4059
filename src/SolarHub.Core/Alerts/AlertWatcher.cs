using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration;
using SolarHub.Configuration.Alerts;
using SolarHub.Core.Hosting;
using SolarHub.Core.Telemetry;

namespace SolarHub.Core.Alerts;

/// <summary>
/// Judges the alert rules on the telemetry of the banks of this node (the event stream, as the history sampler follows
/// it) and publishes each <see cref="AlertRaised"/> and <see cref="AlertCleared"/> there, for the API, MQTT and its
/// <see cref="AlertWebhook"/> child. The judging is <see cref="AlertBook"/>'s; this actor feeds it readings, a tick (a
/// duration may end between readings) and each configuration, with the scheduler's clock so tests can use virtual time.
/// </summary>
public sealed class AlertWatcher : ReceiveActor, IWithTimers
{
    /// <summary>How often durations are checked between readings.</summary>
    public static readonly TimeSpan DefaultTick = TimeSpan.FromSeconds(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AlertBook _book = new();
    private readonly bool _followConfigChanges;
    private readonly TimeSpan _tick;
    private readonly Props _webhookProps;
    private IActorRef _webhook = ActorRefs.Nobody;
    private WebhookStatus? _webhookStatus;
    private long _appliedVersion = -1;
    private HubConfig _initial;

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    public AlertWatcher(HubConfig config, bool followConfigChanges, TimeSpan tick, Props webhook)
    {
        _initial = config;
        _followConfigChanges = followConfigChanges;
        _tick = tick;
        _webhookProps = webhook;

        Receive<PackTelemetry>(p => Publish(_book.Observe(p, Now)));
        Receive<BankTelemetry>(b => Publish(_book.Observe(b, Now)));
        Receive<Tick>(_ => Publish(_book.Tick(Now)));
        Receive<BankLeftNode>(m => _book.Forget(m.BankId));
        Receive<HubConfigChanged>(m =>
        {
            if (m.Version <= _appliedVersion) return;
            _appliedVersion = m.Version;
            Apply(m.Config);
        });
        Receive<WebhookStatus>(status => _webhookStatus = status);
        Receive<GetAlerts>(_ => Sender.Tell(Report()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="followConfigChanges">Also follow <see cref="HubConfigChanged"/> (the configuration store): rules, banks and webhook apply live.</param>
    /// <param name="webhook">The webhook child's props (tests give their own retry timings or HTTP handler).</param>
    public static Props Props(HubConfig config, bool followConfigChanges = false, TimeSpan? tick = null, Props? webhook = null) =>
        Akka.Actor.Props.Create(() => new AlertWatcher(config, followConfigChanges, tick ?? DefaultTick, webhook ?? AlertWebhook.Props(null, AlertWebhook.DefaultCapacity, null, null)));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PreStart()
    {
        _webhook = Context.ActorOf(_webhookProps, "webhook");
        Apply(_initial);
        _initial = HubConfig.Empty; // not kept: the book holds what applies
        Context.System.EventStream.Subscribe(Self, typeof(PackTelemetry));
        Context.System.EventStream.Subscribe(Self, typeof(BankTelemetry));
        Context.System.EventStream.Subscribe(Self, typeof(BankLeftNode));
        if (_followConfigChanges) HubConfigFollowing.Start(Context);
        Timers.StartPeriodicTimer("tick", Tick.Instance, _tick);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Apply(HubConfig config)
    {
        Publish(_book.Apply(config, Now));
        _webhook.Tell(new AlertWebhook.UseWebhook(config.Alerts?.Webhook));
    }

    // The webhook is told directly, not through the event stream: it must not depend on anyone else's subscription.
    private void Publish(IReadOnlyList<object> events)
    {
        foreach (var e in events)
        {
            if (e is AlertRaised raised) _log.Warning("alert raised: {0}", raised.Message);
            else if (e is AlertCleared cleared) _log.Info("alert cleared: {0}", cleared.Message);
            Context.System.EventStream.Publish(e);
            _webhook.Tell(e);
        }
    }

    private AlertsReport Report() => new(
        _book.Active,
        _book.Rules.Select(b => new BankAlertRules(b.BankId, b.Rules.Select(AlertRuleView.Of).ToList())).ToList(),
        _book.Config?.Webhook is { } url ? AlertsConfig.WebhookDisplay(url) : null,
        _book.Config?.Webhook is null ? null : _webhookStatus);
}
