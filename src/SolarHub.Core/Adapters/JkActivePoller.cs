using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Adapters;

/// <summary>
/// <c>jk-active</c>: the bus has no JK master, so this actor is the master. One poll at a time, a poll timeout per
/// poll, and at least the configured gap (≥ 120 ms) between the end of one exchange and the next poll.
/// Each pack's device info is asked first (it tells the layout), then cell info round-robin.
/// </summary>
public sealed class JkActivePoller : BusConnectionActor, IWithTimers
{
    private sealed record PollNext;
    private sealed record PollTimedOut(int Sequence);
    private sealed record AnswersDecoded(AdapterHeartbeat Beat);
    private sealed record StallTick;

    private static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(120);

    private readonly IReadOnlyList<PackConfig> _packs;
    private readonly bool[] _deviceInfoKnown;
    private readonly byte[] _poll;
    private int _next;
    private volatile int _awaiting = -1; // read by the read loop to attribute an answer
    private int _awaitingIndex;
    private ushort _awaitingRegister;
    private int _sequence;
    private readonly StallFence _fence = new(StallFence.DefaultTolerance, StallFence.DefaultQuiet);

    public ITimerScheduler Timers { get; set; } = null!;

    // The poller sets the bus's pace itself; its poll timeouts and the bank's data deadline judge the answers.
    protected override bool LearnsRhythm => false;

    public JkActivePoller(AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings)
        : base(adapter, bank, transport, timings, settings)
    {
        _packs = packs;
        _deviceInfoKnown = new bool[packs.Count];
        _poll = new byte[Framing.MaxPollLength];
    }

    public static Props Props(AdapterConfig adapter, IReadOnlyList<PackConfig> packs, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings) =>
        Akka.Actor.Props.Create(() => new JkActivePoller(adapter, packs, bank, transport, timings, settings));

    protected override int ExpectedAddress => _awaiting;

    private TimeSpan Gap => Adapter.EffectivePollGap < MinimumGap ? MinimumGap : Adapter.EffectivePollGap;

    protected override void OnConnected()
    {
        _fence.Tick(Now);
        Timers.StartPeriodicTimer("stall", new StallTick(), StallFence.TickInterval);
        Self.Tell(new PollNext());
    }

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void ReceiveActiveMode()
    {
        Receive<PollNext>(_ => SendPoll());
        Receive<StallTick>(_ =>
        {
            if (_fence.Tick(Now)) Log.Warning("{0}: this process stood still for over {1} s; no poll until {2:HH:mm:ss} (another node may have taken over the bus)",
                Adapter.Id, _fence.Tolerance.TotalSeconds, _fence.QuietUntil);
        });
        Receive<PollTimedOut>(timeout =>
        {
            if (timeout.Sequence != _sequence || _awaiting < 0) return;
            // Some firmware never answers the device-info poll; ask it once, then read cell data with the configured layout.
            if (_awaitingRegister == JkRegister.DeviceInfo) _deviceInfoKnown[_awaitingIndex] = true;
            // A silent pack must not stall the others: move on to the next one.
            _awaiting = -1;
            Framing.Abandon();
            Timers.StartSingleTimer("poll", new PollNext(), Gap);
        });
        Receive<AnswersDecoded>(decoded =>
        {
            Bank.Tell(decoded.Beat);
            foreach (var info in decoded.Beat.DeviceInfos)
            {
                for (int i = 0; i < _packs.Count; i++)
                    if (_packs[i].Address == info.Address) _deviceInfoKnown[i] = true;
                Answered(info.Address);
            }
            foreach (var reading in decoded.Beat.Readings) Answered(reading.Address);
        });
        Receive<Status.Success>(_ => { });
        Receive<Status.Failure>(failure => Fail($"write to {Adapter.Transport.Describe()} failed: {failure.Cause.Message}"));
    }

    private void SendPoll()
    {
        if (_packs.Count == 0) return;
        if (!_fence.MayPoll(Now))
        {
            Timers.StartSingleTimer("poll", new PollNext(), _fence.QuietUntil - Now);
            return;
        }
        int index = _next;
        _next = (_next + 1) % _packs.Count;
        var pack = _packs[index];
        _awaitingRegister = _deviceInfoKnown[index] ? JkRegister.CellInfo : JkRegister.DeviceInfo;
        _awaiting = pack.Address;
        _awaitingIndex = index;
        _sequence++;
        int length = Framing.WritePoll(_poll, pack.Address, _awaitingRegister);
        Connection!.WriteAsync(_poll, 0, length).PipeTo(Self, success: () => new Status.Success(null));
        Timers.StartSingleTimer("poll-timeout", new PollTimedOut(_sequence), Adapter.EffectivePollTimeout);
    }

    // The schedule is this actor's: what the loop decoded comes here first, then goes on to the bank.
    protected override void Report(AdapterHeartbeat decoded) => SelfForLoop.Tell(new AnswersDecoded(decoded));

    private void Answered(byte address)
    {
        if (address != _awaiting) return;
        _awaiting = -1;
        Framing.Abandon();
        Timers.Cancel("poll-timeout");
        Timers.StartSingleTimer("poll", new PollNext(), Gap);
    }
}
