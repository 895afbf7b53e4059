using Akka.Actor;
using Akka.Event;
using SolarHub.Core.Telemetry;

namespace SolarHub.History.Energy;

/// <summary>
/// Counts the energy of this node's banks from their pack telemetry on the event stream (the banks another node runs
/// arrive wrapped and are counted there), writes it every flush interval and then publishes each touched bank's stored
/// <see cref="BankEnergy"/> on the event stream (MQTT, /api/events; relayed across a cluster). One write at a time; a
/// failed one is put back and retried at the next tick, its failure logged once per streak. The rules are in
/// <see cref="EnergyLedger"/> and <see cref="EnergyIntegrator"/>.
/// </summary>
public sealed class EnergyMeter : ReceiveActor, IWithTimers
{
    private readonly IEnergyStore _store;
    private readonly EnergyLedger _ledger;
    private readonly TimeSpan _flushInterval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, BankEnergy> _latest = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _waitingForWrite = [];
    private IReadOnlyDictionary<EnergyKey, EnergyDelta>? _writing;
    private int _failures;

    public EnergyMeter(IEnergyStore store, TimeSpan maxGap, TimeSpan flushInterval)
    {
        _store = store;
        _ledger = new EnergyLedger(maxGap);
        _flushInterval = flushInterval;
        Receive<PackTelemetry>(_ledger.Add);
        Receive<BankLeftNode>(m => _ledger.Forget(m.BankId));
        Receive<Tick>(_ => Write());
        Receive<WriteEnergy>(_ =>
        {
            _waitingForWrite.Add(Sender);
            Write();
        });
        Receive<Written>(OnWritten);
        Receive<WriteFailed>(OnWriteFailed);
        Receive<GetEnergyCounters>(_ => Sender.Tell(new EnergyCounters(_latest.Values.OrderBy(b => b.BankId, StringComparer.Ordinal).ToList())));
        Receive<GetEnergyReport>(query =>
        {
            var store = _store;
            Task.Run(() => ReportAsync(store, query)).PipeTo(Sender);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IEnergyStore store, TimeSpan maxGap, TimeSpan flushInterval) =>
        Akka.Actor.Props.Create(() => new EnergyMeter(store, maxGap, flushInterval));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(PackTelemetry));
        Context.System.EventStream.Subscribe(Self, typeof(BankLeftNode));
        Timers.StartPeriodicTimer("write", Tick.Instance, _flushInterval);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Write()
    {
        if (_writing is not null) return; // the one in flight answers the waiting ones too
        if (_ledger.IsEmpty)
        {
            Answer(true);
            return;
        }
        var pending = _ledger.TakePending();
        _writing = pending;
        var store = _store;
        var now = Context.System.Scheduler.Now;
        // Microsoft.Data.Sqlite runs its "async" calls synchronously: off the dispatcher the banks share.
        Task.Run(() => store.AddAsync(pending, now)).PipeTo(Self, success: stored => new Written(stored), failure: e => new WriteFailed(e));
    }

    private void OnWritten(Written written)
    {
        _writing = null;
        if (_failures > 0) _log.Info("energy: counters written again after {0} failed write(s)", _failures);
        _failures = 0;
        foreach (var bank in written.Banks)
        {
            _latest[bank.BankId] = bank;
            Context.System.EventStream.Publish(bank);
        }
        // Asked to write now (shutdown): what was counted during the write goes too.
        if (_waitingForWrite.Count > 0 && !_ledger.IsEmpty) Write();
        else Answer(true);
    }

    private void OnWriteFailed(WriteFailed failed)
    {
        _ledger.PutBack(_writing!);
        _writing = null;
        if (_failures++ == 0) _log.Warning("energy: writing the counters failed, kept and retried every {0}: {1}", _flushInterval, failed.Error.GetBaseException().Message);
        Answer(false);
    }

    private void Answer(bool ok)
    {
        foreach (var waiting in _waitingForWrite) waiting.Tell(new EnergyWritten(ok));
        _waitingForWrite.Clear();
    }

    private static async Task<object> ReportAsync(IEnergyStore store, GetEnergyReport query)
    {
        try
        {
            var totals = (await store.ReadTotalsAsync(query.BankId)).FirstOrDefault();
            var days = await store.ReadDaysAsync(query.BankId, query.Pack, query.From, query.To);
            return new EnergyReport(query.BankId, query.Pack, totals, days);
        }
        catch (Exception e)
        {
            return new EnergyQueryFailed(e.GetBaseException().Message);
        }
    }

    private sealed record Written(IReadOnlyList<BankEnergy> Banks);

    private sealed record WriteFailed(Exception Error);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
