using System.Threading.Channels;
using Akka.Actor;

namespace SolarHub.ConfigStore.Tests.Support;

/// <summary>Records what an actor system publishes on its event stream, for tests to wait on.</summary>
public sealed class PublishedEvents
{
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();
    private readonly List<object> _seen = [];
    private readonly HashSet<int> _taken = [];

    public PublishedEvents(ActorSystem system, params Type[] types)
    {
        var recorder = system.ActorOf(Props.Create(() => new Recorder(_events.Writer)));
        foreach (var type in types) system.EventStream.Subscribe(recorder, type);
    }

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<object> Seen
    {
        get
        {
            while (_events.Reader.TryRead(out var e)) _seen.Add(e);
            return _seen;
        }
    }

    /// <summary>Forgets what was seen.</summary>
    public void Clear()
    {
        _ = Seen;
        _seen.Clear();
        _taken.Clear();
    }

    /// <summary>The first <typeparamref name="T"/> matching <paramref name="match"/> not returned before, already seen or still to come.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool> match, TimeSpan timeout, string what)
    {
        _ = Seen;
        for (int i = 0; i < _seen.Count; i++)
            if (!_taken.Contains(i) && _seen[i] is T seen && match(seen)) { _taken.Add(i); return seen; }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                _seen.Add(e);
                if (e is T t && match(t)) { _taken.Add(_seen.Count - 1); return t; }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {what} within {timeout.TotalSeconds:0.#} s; seen: {string.Join("; ", _seen.TakeLast(20))}");
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(ChannelWriter<object> writer) => ReceiveAny(m => writer.TryWrite(m));
    }
}
