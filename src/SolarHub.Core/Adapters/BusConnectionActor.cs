using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Framing;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Adapters;

/// <summary>
/// Owns one transport: opens it and runs its read loop, one asynchronous read at a time, so no dispatcher thread
/// ever blocks. The loop scans and decodes in the read's continuation and reports to the bank directly: a read
/// that completes frames sends one <see cref="AdapterHeartbeat"/> carrying its readings, a read that completes
/// none wakes no actor. It never asks the socket whether it is connected: any transport error, or end of stream,
/// is reported to the bank and the actor stops, so that the backoff supervisor above starts a fresh one (a fault is
/// expected here, not an exception worth a stack trace). It has no timer of its own: a bank that heard nothing
/// from it for a heartbeat interval asks for a heartbeat on its tick (<see cref="ReportHeartbeat"/>), so a
/// dead loop is noticed by its silence and a busy one costs no extra message. A passive adapter learns its bus's
/// rhythm (<see cref="BusRhythm"/>) and gives each read that long: a bus quiet for longer is silent, reported as a fault.
/// </summary>
public abstract class BusConnectionActor : ReceiveActor, IPackFrameSink
{
    private sealed record Opened(Stream Stream);
    private sealed record TransportFailed(string Reason);

    private readonly IBusTransport _transport;
    private readonly AdapterSettings _settings;
    private readonly byte[] _readBuffer;
    private readonly BusFrameReader _reader;
    private readonly BusRhythm? _rhythm;
    private readonly CancellationTokenSource _lifetime = new();
    // The read loop runs on pool threads, the actor on its own: this guards what both touch (the reader, the counters
    // since the last beat, the readings being collected) and orders the loop's reports before the actor's fault report.
    private readonly Lock _loopGate = new();
    private long _beatBytes, _beatFrames, _beatErrors, _beatDiscarded;
    private long _readTimestamp;
    private List<PackReadingReceived>? _readings;
    private List<PackDeviceInfoReceived>? _deviceInfos;
    private bool _stopping;
    private IActorRef _self = ActorRefs.Nobody;

    protected BusConnectionActor(AdapterConfig adapter, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings)
    {
        Adapter = adapter;
        Bank = bank;
        Timings = timings;
        _transport = transport;
        _settings = settings;
        _readBuffer = new byte[settings.ReadBufferSize];
        _reader = new BusFrameReader(adapter.Layout, 2 * settings.ReadBufferSize);
        Framing = BusFraming.For(adapter.Transport);
        if (LearnsRhythm) _rhythm = new BusRhythm(timings.SilenceFactor, timings.SilenceFloor, timings.DataDeadline);
        Become(Connecting);
    }

    protected AdapterConfig Adapter { get; }
    protected IActorRef Bank { get; }
    protected BankTimings Timings { get; }
    protected Stream? Connection { get; private set; }

    /// <summary>How polls are written and answers read on this adapter's stream (plain RS485 bytes, or Modbus TCP).</summary>
    protected BusFraming Framing { get; }
    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>Self, usable off the actor's thread (in the read loop, where <c>Self</c> has no context).</summary>
    protected IActorRef SelfForLoop => _self;

    /// <summary>
    /// True: the bus's own pace tells when it went silent (a JK master polls steadily). An active poller sets the pace
    /// itself and judges its answers by its poll timeout, so it leaves silence to the bank's data deadline.
    /// </summary>
    protected virtual bool LearnsRhythm => true;

    /// <summary>The pack an active poller is waiting for, to attribute frames nothing else attributes; -1 when passive. Read by the loop.</summary>
    protected virtual int ExpectedAddress => -1;

    protected override void PreStart()
    {
        _self = Self;
        _transport.OpenAsync(_settings.ConnectTimeout, _lifetime.Token).PipeTo(Self,
            success: stream => new Opened(stream),
            failure: ex => new TransportFailed($"cannot open {_transport.Endpoint}: {Describe(ex)}"));
        // "Started": a bank that saw the previous actor fail learns that the backoff is over.
        Bank.Tell(new AdapterHeartbeat(Adapter.Id, 0, 0, 0, 0));
    }

    protected override void PostStop()
    {
        lock (_loopGate) _stopping = true;
        _lifetime.Cancel();
        _lifetime.Dispose();
        Connection?.Dispose();
    }

    private void Connecting()
    {
        Receive<Opened>(opened =>
        {
            Connection = opened.Stream;
            Bank.Tell(new AdapterConnected(Adapter.Id, _transport.Endpoint));
            Become(Reading);
            _ = ReadLoopAsync(opened.Stream, _lifetime.Token);
            OnConnected();
        });
        ReceiveCommon();
    }

    private void Reading()
    {
        ReceiveActiveMode();
        ReceiveCommon();
    }

    /// <summary>Extra messages handled while connected (the active poller's schedule).</summary>
    protected virtual void ReceiveActiveMode() { }

    /// <summary>Called once the transport is open and the read loop runs.</summary>
    protected virtual void OnConnected() { }

    /// <summary>Where the loop's report of a read that decoded something goes (on the loop's thread): the bank.</summary>
    protected virtual void Report(AdapterHeartbeat decoded) => Bank.Tell(decoded, _self);

    private void ReceiveCommon()
    {
        Receive<TransportFailed>(failed => Fail(failed.Reason));
        Receive<ReconnectAdapter>(reconnect => Fail(reconnect.Reason));
        Receive<ReportHeartbeat>(_ =>
        {
            lock (_loopGate) Bank.Tell(TakeHeartbeat());
        });
    }

    // The loop ends when the transport fails, closes or goes silent (reported to the actor) or when the actor stops
    // (cancelled: nothing to report).
    private async Task ReadLoopAsync(Stream stream, CancellationToken cancellation)
    {
        var watch = _rhythm is null ? null : new SilenceWatch(cancellation, Stopwatch.GetTimestamp());
        try
        {
            while (true)
            {
                int count;
                try { count = await stream.ReadAsync(_readBuffer.AsMemory(), watch?.Token ?? cancellation).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested && watch is not null)
                {
                    // Quiet past the rhythm; unless the process itself stood still and the bytes are already waiting.
                    var allowed = _rhythm!.SilenceAfter ?? TimeSpan.Zero;
                    watch.Dispose();
                    watch = null;
                    using (var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                    {
                        grace.CancelAfter(StallGrace);
                        try { count = await stream.ReadAsync(_readBuffer.AsMemory(), grace.Token).ConfigureAwait(false); }
                        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                        {
                            _self.Tell(new TransportFailed($"{_transport.Endpoint} went silent: no byte for over {Ms(allowed + StallGrace)} ms, " +
                                $"beyond its bus's rhythm ({Ms(allowed)} ms allowed)"));
                            return;
                        }
                    }
                    watch = new SilenceWatch(cancellation, Stopwatch.GetTimestamp());
                }
                if (count == 0)
                {
                    _self.Tell(new TransportFailed($"{_transport.Endpoint} closed the connection"));
                    return;
                }
                long now = Stopwatch.GetTimestamp();
                if (!Decode(count, now)) return;
                if (watch is not null)
                {
                    watch.ReadCompleted(now);
                    watch.Allow(_rhythm!.SilenceAfter);
                }
            }
        }
        catch (Exception ex)
        {
            if (!cancellation.IsCancellationRequested) _self.Tell(new TransportFailed($"{_transport.Endpoint}: {Describe(ex)}"));
        }
        finally
        {
            watch?.Dispose();
        }
    }

    // A last look after the rhythm's deadline: bytes that arrived while the process stood still are read at once.
    private static readonly TimeSpan StallGrace = TimeSpan.FromMilliseconds(50);

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Scans one read; false once the actor is stopping.</summary>
    private bool Decode(int count, long timestamp)
    {
        lock (_loopGate)
        {
            if (_stopping) return false;
            _readTimestamp = timestamp;
            _rhythm?.Observe(timestamp);
            long errorsBefore = _reader.ChecksumErrors, framesBefore = _reader.ValidFrames, discardedBefore = _reader.DiscardedBytes;
            Framing.Feed(_readBuffer.AsSpan(0, count), _reader, this, ExpectedAddress);
            _beatBytes += count;
            _beatFrames += _reader.ValidFrames - framesBefore;
            _beatErrors += _reader.ChecksumErrors - errorsBefore;
            _beatDiscarded += _reader.DiscardedBytes - discardedBefore;
            if (_readings is not null || _deviceInfos is not null) Report(TakeHeartbeat());
            return true;
        }
    }

    // Under _loopGate.
    private AdapterHeartbeat TakeHeartbeat()
    {
        var beat = new AdapterHeartbeat(Adapter.Id, _beatBytes, _beatFrames, _beatErrors, _reader.TakePacksSeen())
        {
            DiscardedBytes = _beatDiscarded,
            Readings = _readings ?? [],
            DeviceInfos = _deviceInfos ?? [],
            SilenceAfter = _rhythm?.SilenceAfter,
        };
        _beatBytes = _beatFrames = _beatErrors = _beatDiscarded = 0;
        _readings = null;
        _deviceInfos = null;
        return beat;
    }

    /// <summary>Reports the fault to the bank and stops; the backoff supervisor starts a fresh connection after its delay.</summary>
    protected void Fail(string reason)
    {
        // Under the loop's lock: no report of the loop may reach the bank after the fault.
        lock (_loopGate)
        {
            _stopping = true;
            Bank.Tell(new AdapterFaulted(Adapter.Id, reason));
        }
        Become(Stopping);
        Context.Stop(Self);
    }

    // Messages already queued (a late read, a heartbeat request) must not act on a connection that is going away.
    private void Stopping() => ReceiveAny(_ => { });

    // Called by the reader, on the loop's thread under _loopGate.
    void IPackFrameSink.OnCellInfo(byte address, in CellInfo values) =>
        (_readings ??= new List<PackReadingReceived>(2)).Add(new PackReadingReceived(Adapter.Id, address, values, DateTimeOffset.UtcNow, _readTimestamp));

    void IPackFrameSink.OnDeviceInfo(byte address, in DeviceInfo info, JkLayout? detectedLayout) =>
        (_deviceInfos ??= []).Add(new PackDeviceInfoReceived(Adapter.Id, address, info, detectedLayout));

    private static string Describe(Exception ex) => (ex is AggregateException { InnerException: { } inner } ? inner : ex).Message;
}
