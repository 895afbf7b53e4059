using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;

namespace SolarHub.Mqtt.Tests.Support;

/// <summary>What a test sees on the broker: a plain MQTTnet subscriber that records every message it receives.</summary>
public sealed class MqttWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<Received> _received = new();

    public sealed record Received(string Topic, string Payload, bool Retain, DateTime At)
    {
        public JsonElement Json => JsonDocument.Parse(Payload).RootElement;
    }

    public static async Task<MqttWatcher> StartAsync(int port, params string[] filters)
    {
        var watcher = new MqttWatcher();
        watcher._client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            watcher._received.Enqueue(new Received(m.Topic, m.ConvertPayloadToString() ?? "", m.Retain, DateTime.UtcNow));
            return Task.CompletedTask;
        };
        await watcher._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"watcher-{Guid.NewGuid():N}")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        var subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        // Retain as published: the test sees which messages the hub retained, not only the ones kept before it subscribed.
        foreach (var filter in filters) subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter).WithRetainAsPublished());
        await watcher._client.SubscribeAsync(subscribe.Build());
        return watcher;
    }

    /// <summary>Publishes as another client would (e.g. Home Assistant's birth message).</summary>
    public Task PublishAsync(string topic, string payload) => _client.PublishStringAsync(topic, payload);

    public IReadOnlyList<Received> All => _received.ToArray();

    public IEnumerable<Received> On(string topic) => All.Where(m => m.Topic == topic);

    public Received? Latest(string topic) => On(topic).LastOrDefault();

    /// <summary>The first message on <paramref name="topic"/> after <paramref name="after"/> messages were seen there that satisfies <paramref name="match"/>.</summary>
    public async Task<Received> WaitForAsync(string topic, Func<Received, bool>? match = null, TimeSpan? within = null, int after = 0)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = On(topic).Skip(after).FirstOrDefault(m => match?.Invoke(m) ?? true);
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"nothing matching on {topic} within the deadline; seen there: [{string.Join(" | ", On(topic).Select(m => m.Payload))}]");
            await Task.Delay(25);
        }
    }

    public Task<Received> WaitForTextAsync(string topic, string payload, TimeSpan? within = null, int after = 0) =>
        WaitForAsync(topic, m => m.Payload == payload, within, after);

    public async ValueTask DisposeAsync()
    {
        try { await _client.DisconnectAsync(); } catch (Exception) { /* the broker may be gone already */ }
        _client.Dispose();
    }
}
