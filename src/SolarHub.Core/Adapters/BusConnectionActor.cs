using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using SolarHub.Configuration;
using SolarHub.Core.Adapters.Transports;
using SolarHub.Core.Configuration;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Decoding;

namespace SolarHub.Core.Adapters;

/// <summary>
/// Owns one transport: opens it, keeps exactly one asynchronous read outstanding (its result is piped back as a
/// message, so no dispatcher thread ever blocks), decodes what arrives and reports to the bank. It never asks the
/// socket whether it is connected: any transport error, or end of stream, is reported to the bank and the actor stops,
/// so that the backoff supervisor above starts a fresh one (a fault is expected here, not an exception worth a stack trace). A heartbeat timer tells the bank the loop is alive.
/// </summary>
public abstract class BusConnectionActor : ReceiveActor, IWithTimers, IPackFrameSink
{
    private sealed record Opened(Stream Stream);
    private sealed record ReadCompleted(int Count, long Timestamp);
    private sealed record TransportFailed(string Reason);
    private sealed record HeartbeatTick;

    private readonly IBusTransport _transport;
    private readonly AdapterSettings _settings;
    private readonly byte[] _readBuffer;
    private readonly CancellationTokenSource _lifetime = new();
    private long _beatBytes, _beatFrames, _beatErrors, _beatDiscarded;
    private long _readTimestamp;

    protected BusConnectionActor(AdapterConfig adapter, IActorRef bank, IBusTransport transport, BankTimings timings, AdapterSettings settings)
    {
        Adapter = adapter;
        Bank = bank;
        Timings = timings;
        _transport = transport;
        _settings = settings;
        _readBuffer = new byte[settings.ReadBufferSize];
        Reader = new BusFrameReader(adapter.Layout, 2 * settings.ReadBufferSize);
        Become(Connecting);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected AdapterConfig Adapter { get; }
    protected IActorRef Bank { get; }
    protected BankTimings Timings { get; }
    protected BusFrameReader Reader { get; }
    protected Stream? Connection { get; private set; }
    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>The pack an active poller is waiting for, to attribute frames nothing else attributes; -1 when passive.</summary>
    protected virtual int ExpectedAddress => -1;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("heartbeat", new HeartbeatTick(), Timings.HeartbeatInterval);
        _transport.OpenAsync(_settings.ConnectTimeout, _lifetime.Token).PipeTo(Self,
            success: stream => new Opened(stream),
            failure: ex => new TransportFailed($"cannot open {_transport.Endpoint}: {Describe(ex)}"));
    }

    protected override void PostStop()
    {
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
            ReadNext();
            OnConnected();
        });
        ReceiveCommon();
    }

    private void Reading()
    {
        Receive<ReadCompleted>(read =>
        {
            if (read.Count == 0) { Fail($"{_transport.Endpoint} closed the connection"); return; }
            _readTimestamp = read.Timestamp;
            long errorsBefore = Reader.ChecksumErrors, framesBefore = Reader.ValidFrames, discardedBefore = Reader.DiscardedBytes;
            Reader.Feed(_readBuffer.AsSpan(0, read.Count), this, ExpectedAddress);
            _beatBytes += read.Count;
            _beatFrames += Reader.ValidFrames - framesBefore;
            _beatErrors += Reader.ChecksumErrors - errorsBefore;
            _beatDiscarded += Reader.DiscardedBytes - discardedBefore;
            ReadNext();
        });
        ReceiveActiveMode();
        ReceiveCommon();
    }

    /// <summary>Extra messages handled while connected (the active poller's schedule).</summary>
    protected virtual void ReceiveActiveMode() { }

    /// <summary>Called once the transport is open and the read loop runs.</summary>
    protected virtual void OnConnected() { }

    private void ReceiveCommon()
    {
        Receive<TransportFailed>(failed => Fail(failed.Reason));
        Receive<ReconnectAdapter>(reconnect => Fail(reconnect.Reason));
        Receive<HeartbeatTick>(_ =>
        {
            Bank.Tell(new AdapterHeartbeat(Adapter.Id, _beatBytes, _beatFrames, _beatErrors, Reader.TakePacksSeen()) { DiscardedBytes = _beatDiscarded });
            _beatBytes = _beatFrames = _beatErrors = _beatDiscarded = 0;
        });
    }

    private void ReadNext()
    {
        Connection!.ReadAsync(_readBuffer, 0, _readBuffer.Length, _lifetime.Token).PipeTo(Self,
            success: n => new ReadCompleted(n, Stopwatch.GetTimestamp()),
            failure: ex => new TransportFailed($"{_transport.Endpoint}: {Describe(ex)}"));
    }

    /// <summary>Reports the fault to the bank and stops; the backoff supervisor starts a fresh connection after its delay.</summary>
    protected void Fail(string reason)
    {
        Bank.Tell(new AdapterFaulted(Adapter.Id, reason));
        Become(Stopping);
        Context.Stop(Self);
    }

    // Messages already queued (a late read, a heartbeat tick) must not act on a connection that is going away.
    private void Stopping() => ReceiveAny(_ => { });

    public virtual void OnCellInfo(byte address, in CellInfo values) =>
        Bank.Tell(new PackReadingReceived(Adapter.Id, address, values, DateTimeOffset.UtcNow, _readTimestamp));

    public virtual void OnDeviceInfo(byte address, in DeviceInfo info, JkLayout? detectedLayout) =>
        Bank.Tell(new PackDeviceInfoReceived(Adapter.Id, address, info, detectedLayout));

    private static string Describe(Exception ex) => (ex is AggregateException { InnerException: { } inner } ? inner : ex).Message;
}
