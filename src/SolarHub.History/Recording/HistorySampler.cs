using Akka.Actor;
using SolarHub.Core.Telemetry;

namespace SolarHub.History.Recording;

/// <summary>
/// Keeps the latest fresh telemetry of every bank and pack (from the event stream) and, every sample interval, hands
/// what arrived since the last sample to the writer as one <see cref="HistoryBatch"/>. A stale value is forgotten, and a
/// value is sampled once: a silent pack leaves a gap in the history rather than a repeated last value.
/// </summary>
public sealed class HistorySampler : ReceiveActor, IWithTimers
{
    private readonly IActorRef _writer;
    private readonly TimeSpan _interval;
    private readonly Dictionary<(string Bank, byte Pack), PackTelemetry> _packs = new();
    private readonly Dictionary<string, BankTelemetry> _banks = new();

    public HistorySampler(IActorRef writer, TimeSpan interval)
    {
        _writer = writer;
        _interval = interval;
        // The hot path: one dictionary store per telemetry record, nothing else.
        Receive<PackTelemetry>(t =>
        {
            if (t.Stale) _packs.Remove((t.BankId, t.Address));
            else _packs[(t.BankId, t.Address)] = t;
        });
        Receive<BankTelemetry>(t =>
        {
            if (t.Stale) _banks.Remove(t.BankId);
            else _banks[t.BankId] = t;
        });
        Receive<Tick>(_ => Sample());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef writer, TimeSpan interval) => Akka.Actor.Props.Create(() => new HistorySampler(writer, interval));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(PackTelemetry));
        Context.System.EventStream.Subscribe(Self, typeof(BankTelemetry));
        Timers.StartPeriodicTimer("sample", Tick.Instance, _interval);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Sample()
    {
        if (_banks.Count == 0 && _packs.Count == 0) return;
        var samples = new List<HistorySample>(_banks.Count + _packs.Count);
        foreach (var bank in _banks.Values) samples.Add(HistorySample.From(bank));
        foreach (var pack in _packs.Values) samples.Add(HistorySample.From(pack));
        _banks.Clear();
        _packs.Clear();
        _writer.Tell(new HistoryBatch(samples));
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
