using System.Collections.Concurrent;
using MQTTnet;

namespace SolarHub.Bench.Cluster;

/// <summary>One MQTT message as a subscriber received it.</summary>
public sealed record BrokerMessage(string Topic, string Payload, DateTimeOffset At);

/// <summary>A plain MQTT subscriber that records every message it receives, for the cluster's MQTT scenario.</summary>
public sealed class BrokerWatch : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<BrokerMessage> _received = new();

    private BrokerWatch()
    {
    }

    public IReadOnlyList<BrokerMessage> All => _received.ToArray();

    public IEnumerable<BrokerMessage> On(string topic) => All.Where(m => m.Topic == topic);

    public static async Task<BrokerWatch> StartAsync(string host, int port, IReadOnlyList<string> filters, CancellationToken ct)
    {
        var watch = new BrokerWatch();
        watch._client.ApplicationMessageReceivedAsync += e =>
        {
            watch._received.Enqueue(new BrokerMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? "", DateTimeOffset.Now));
            return Task.CompletedTask;
        };
        try
        {
            await watch._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId($"solarhub-bench-watch-{Guid.NewGuid():N}").Build(), ct);
            var subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder();
            foreach (var filter in filters) subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter));
            await watch._client.SubscribeAsync(subscribe.Build(), ct);
        }
        catch
        {
            await watch.DisposeAsync();
            throw;
        }
        return watch;
    }

    /// <summary>The first message on <paramref name="topic"/> that satisfies <paramref name="match"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<BrokerMessage> WaitForAsync(string topic, Func<BrokerMessage, bool> match, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (On(topic).FirstOrDefault(match) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new BenchException($"{what} not seen on {topic} within {timeout.TotalSeconds:0} s");
            await Task.Delay(20, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
