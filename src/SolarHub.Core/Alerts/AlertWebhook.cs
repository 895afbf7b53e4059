using System.Net.Http.Headers;
using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration.Alerts;

namespace SolarHub.Core.Alerts;

/// <summary>
/// POSTs each <see cref="AlertRaised"/> and <see cref="AlertCleared"/> it is told to the configured URL, one at a time and
/// in order, as JSON (<see cref="WebhookPayload"/>). The request runs outside the actor and its outcome comes back as a
/// message (never awaited here), so a slow or dead receiver holds up nothing but this queue. A failure (an error status,
/// no answer) is retried with doubling waits (<see cref="WebhookRetry"/>); while the receiver is down deliveries wait in
/// a bounded <see cref="WebhookQueue"/> that drops the oldest. A streak of failures is logged once, and once more when
/// it ends. Its parent hears each change of its <see cref="WebhookStatus"/>, so the API asks no one.
/// </summary>
public sealed class AlertWebhook : ReceiveActor, IWithTimers
{
    /// <summary>Deliveries kept while the receiver is down: far more than a bank's rules raise and clear in a retry cycle.</summary>
    public const int DefaultCapacity = 200;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly WebhookRetry _retry;
    private readonly WebhookQueue _queue;
    private readonly HttpClient _http;
    private string? _url;
    private byte[]? _inFlight;
    private bool _waitingToRetry;
    private int _attempt;
    private long _delivered;
    private long _gaveUp;
    private long _failures;
    private int _streak;
    private string? _lastError;

    public sealed record UseWebhook(string? Url);

    public sealed record GetStatus
    {
        public static GetStatus Instance { get; } = new();
    }

    private sealed record Delivered(int Status);

    private sealed record Undelivered(string Reason);

    private sealed record RetryNow
    {
        public static RetryNow Instance { get; } = new();
    }

    public AlertWebhook(WebhookRetry retry, int capacity, TimeSpan requestTimeout, HttpMessageHandler? handler)
    {
        _retry = retry;
        _queue = new WebhookQueue(capacity);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = requestTimeout;

        Receive<UseWebhook>(m =>
        {
            if (m.Url == _url) return;
            _url = m.Url;
            if (_url is not null)
            {
                SendNext();
                return;
            }
            _queue.Clear();
            _inFlight = null;
        });
        Receive<AlertRaised>(Enqueue);
        Receive<AlertCleared>(Enqueue);
        Receive<Delivered>(m =>
        {
            _inFlight = null;
            _attempt = 0;
            _delivered++;
            if (_streak > 0) _log.Info("alert webhook {0} answered {1} again after {2} failed attempt(s)", Shown, m.Status, _streak);
            _streak = 0;
            SendNext();
        });
        Receive<Undelivered>(m =>
        {
            _failures++;
            _lastError = m.Reason;
            if (_streak++ == 0)
                _log.Warning("alert webhook {0}: {1}; retrying (more failures are logged only once it works again)", Shown, m.Reason);
            if (_retry.After(_attempt) is { } wait)
            {
                _waitingToRetry = true;
                Timers.StartSingleTimer("retry", RetryNow.Instance, wait);
                return;
            }
            _gaveUp++;
            _inFlight = null;
            _attempt = 0;
            SendNext();
        });
        Receive<RetryNow>(_ =>
        {
            _waitingToRetry = false;
            Post();
        });
        Receive<GetStatus>(_ => Sender.Tell(Status));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="handler">The HTTP handler (tests); null: a handler of its own.</param>
    public static Props Props(WebhookRetry? retry = null, int capacity = DefaultCapacity, TimeSpan? requestTimeout = null, HttpMessageHandler? handler = null) =>
        Akka.Actor.Props.Create(() => new AlertWebhook(retry ?? WebhookRetry.Default, capacity, requestTimeout ?? TimeSpan.FromSeconds(10), handler));

    private WebhookStatus Status => new(_delivered, _queue.Count + (_inFlight is null ? 0 : 1), _queue.Dropped + _gaveUp, _failures, _lastError);

    protected override void PostStop() => _http.Dispose();

    // Every message may change the counts: the parent (the watcher) keeps the latest for GET /api/alerts.
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        if (message is not GetStatus) Context.Parent.Tell(Status);
        return handled;
    }

    private string Shown => _url is null ? "(none)" : AlertsConfig.WebhookDisplay(_url);

    private void Enqueue(object alert)
    {
        if (_url is null) return;
        _queue.Enqueue(WebhookPayload.Of(alert));
        SendNext();
    }

    private void SendNext()
    {
        if (_inFlight is not null || _url is null || !_queue.TryDequeue(out var payload)) return;
        _inFlight = payload;
        _attempt = 0;
        Post();
    }

    private void Post()
    {
        if (_inFlight is null || _url is null || _waitingToRetry) return;
        _attempt++;
        var content = new ByteArrayContent(_inFlight);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        Send(_http, _url, content).PipeTo(Self);
    }

    // Runs outside the actor: touches no field, answers with a message.
    private static async Task<object> Send(HttpClient http, string url, HttpContent content)
    {
        try
        {
            using var response = await http.PostAsync(url, content).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? new Delivered(status) : new Undelivered($"answered {status} {response.ReasonPhrase}");
        }
        catch (TaskCanceledException)
        {
            return new Undelivered($"no answer within {http.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new Undelivered(e.Message);
        }
        finally
        {
            content.Dispose();
        }
    }
}
