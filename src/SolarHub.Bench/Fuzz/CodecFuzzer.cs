using System.Diagnostics;
using System.Runtime.ExceptionServices;
using SolarHub.Protocol.Jk;
using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Bench.Fuzz;

/// <summary>
/// <c>solarhub bench fuzz</c>: random, bit-flipped, truncated and spliced real traffic, in random chunks of 1 byte to
/// 4 KiB, through three targets: the scanner with every decoder (and the intact-frame check), a scanner with the
/// smallest buffer, and the adapters' <c>BusFrameReader</c>. Checks: no exception, no chunk slower than the watchdog's
/// bound, no byte allocated after warm-up, every intact frame found where it was placed, the scanner's buffer bounded,
/// and the three targets agreeing at the end. One seed replays a run byte for byte.
/// </summary>
public sealed class CodecFuzzer
{
    public const long DefaultBytes = 100_000_000;

    /// <summary>Zeros fed at the end so every undecided message is decided (a frame waiting for its acknowledgement, a partial poll).</summary>
    private const int FlushLength = 1024;

    /// <summary>Chunk size when a case is replayed to see whether its allocation repeats.</summary>
    private const int ReplayChunk = 509;

    /// <summary>Progress every tenth of the bytes, and at least this often.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    private readonly long _bytes;
    private readonly int _seed;
    private readonly TimeSpan _hangBound;
    private readonly TextWriter _output;
    private readonly FuzzFailures _failures = new();
    private long _busySince;
    private long _slowestTicks;
    private long _allocatedOnce;
    private readonly byte[] _replayCase = new byte[FuzzInputGenerator.MaxCaseLength];

    public CodecFuzzer(long bytes, int seed, TextWriter output, TimeSpan? hangBound = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        _bytes = bytes;
        _seed = seed;
        _output = output;
        _hangBound = hangBound ?? TimeSpan.FromSeconds(5);
    }

    public static FuzzResult Run(long bytes, int seed, TextWriter output, CancellationToken ct) =>
        new CodecFuzzer(bytes, seed, output).Run(ct);

    public FuzzResult Run(CancellationToken ct)
    {
        _output.WriteLine($"fuzz: seed {_seed} (--seed {_seed} replays this run), {_bytes:N0} bytes, chunks of 1 to 4096 bytes, watchdog {_hangBound.TotalSeconds:0.#} s per chunk");
        var realFrames = RealFrameSet.Load();
        var corpus = FuzzCorpus.Build(_seed, realFrames);
        _output.WriteLine($"fuzz: {corpus.Bytes.Length:N0} bytes of clean traffic to cut from ({corpus.MessageStarts.Length:N0} messages, " +
            $"{corpus.FrameStarts.Length:N0} frames; {realFrames.Count} captured frames among them)");

        WarmUp(corpus);

        FuzzResult? result = null;
        ExceptionDispatchInfo? crash = null;
        var loop = new Thread(() =>
        {
            try { result = Loop(corpus, ct); }
            catch (Exception e) { crash = ExceptionDispatchInfo.Capture(e); }
        })
        { IsBackground = true, Name = "fuzz" };
        long started = Stopwatch.GetTimestamp();
        loop.Start();
        while (!loop.Join(200))
        {
            long since = Volatile.Read(ref _busySince);
            if (since != 0 && Stopwatch.GetElapsedTime(since) > _hangBound)
            {
                // The loop thread cannot be stopped; it is a background thread and is left behind.
                var stuck = Stopwatch.GetElapsedTime(since);
                _output.WriteLine($"fuzz: FAILED hang: a chunk has been running for {stuck.TotalSeconds:0.0} s (seed {_seed}; the progress above says where)");
                return new FuzzResult(_seed, 0, Stopwatch.GetElapsedTime(started).TotalSeconds, _failures.Count(FuzzFailureKind.Exception), 1, 0, 0, 0, 0, stuck);
            }
        }
        crash?.Throw();
        return result!;
    }

    /// <summary>First calls allocate (static layout tables, type initialisers): done on throwaway targets, not counted.</summary>
    private void WarmUp(FuzzCorpus corpus)
    {
        var generator = new FuzzInputGenerator(corpus, new Random(_seed ^ 0x5EED));
        var input = new byte[FuzzInputGenerator.MaxCaseLength];
        var failures = new FuzzFailures();
        var scan = new ScanTarget("warm-up", FrameScanner.DefaultCapacity, decode: true, expected: null);
        var reader = new ReaderTarget();
        for (int i = 0; i < 16; i++)
        {
            var kind = (FuzzInputKind)(i % 4);
            int length = generator.Next(kind, input, []);
            scan.Feed(input.AsSpan(0, length), i, kind, failures);
            reader.Feed(input.AsSpan(0, length), i, kind, 0, failures);
        }
    }

    private FuzzResult Loop(FuzzCorpus corpus, CancellationToken ct)
    {
        var random = new Random(_seed);
        var generator = new FuzzInputGenerator(corpus, random);
        var input = new byte[FuzzInputGenerator.MaxCaseLength];
        var intact = new List<IntactFrame>(1024);
        var expected = new ExpectedFrameQueue();
        var scan = new ScanTarget("scanner", FrameScanner.DefaultCapacity, decode: true, expected);
        var small = new ScanTarget("scanner-512", FrameScanner.MinimumCapacity, decode: false, expected: null);
        var reader = new ReaderTarget();

        long fed = 0, cases = 0, framesExpected = 0, framesApart = 0;
        long started = Stopwatch.GetTimestamp();
        long nextProgress = started + (long)(ProgressInterval.TotalSeconds * Stopwatch.Frequency);
        long nextTenth = Math.Max(1, _bytes / 10);
        var kind = FuzzInputKind.Random;
        while (fed < _bytes)
        {
            ct.ThrowIfCancellationRequested();
            kind = (FuzzInputKind)(cases % 4);
            intact.Clear();
            int length = (int)Math.Min(generator.Next(kind, input, intact), _bytes - fed);
            var bytes = input.AsSpan(0, length);
            foreach (var frame in intact)
            {
                if (frame.Offset + JkFrame.Length > length) continue;
                // Within the case only: a frame that ends its case exactly and whose header the next case completes is not seen (rare).
                if (HeaderAcrossEnd.Follows(bytes, (int)frame.Offset))
                {
                    framesApart++;
                    continue;
                }
                expected.Enqueue(frame with { Offset = fed + frame.Offset });
                framesExpected++;
            }
            long failuresBefore = _failures.Total;
            long allocatedBefore = scan.Allocated + small.Allocated + reader.Allocated;
            FeedInChunks(bytes, generator, (chunk, _) => scan.Feed(chunk, cases, kind, _failures));
            FeedInChunks(bytes, generator, (chunk, _) => small.Feed(chunk, cases, kind, _failures));
            FeedInChunks(bytes, generator, (chunk, at) => reader.Feed(chunk, cases, kind, fed + at, _failures));
            if (_failures.Total > failuresBefore) ShowBytes(bytes, fed, failuresBefore);
            long allocated = scan.Allocated + small.Allocated + reader.Allocated - allocatedBefore;
            if (allocated > 0) _allocatedOnce += ReplayAllocation(bytes, cases, kind) == 0 ? allocated : 0;
            fed += length;
            cases++;
            if (Stopwatch.GetTimestamp() >= nextProgress || fed >= nextTenth)
            {
                Progress(fed, cases, started, scan.FramesFound, framesExpected);
                nextProgress = Stopwatch.GetTimestamp() + (long)(ProgressInterval.TotalSeconds * Stopwatch.Frequency);
                while (nextTenth <= fed) nextTenth += Math.Max(1, _bytes / 10);
            }
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var flush = new byte[FlushLength];
        scan.Feed(flush, cases, kind, _failures);
        small.Feed(flush, cases, kind, _failures);
        reader.Feed(flush, cases, kind, fed, _failures);
        scan.ExpireLost(cases, kind, _failures);
        _output.WriteLine($"fuzz: {framesApart:N0} more intact frames were followed by a header starting in their last three bytes (two ways to split the same bytes): not counted");
        CrossCheck(scan, small, reader, cases);
        Report(scan, small, reader);

        return new FuzzResult(_seed, fed, seconds, _failures.Count(FuzzFailureKind.Exception), _failures.Count(FuzzFailureKind.Hang),
            scan.Allocated + small.Allocated + reader.Allocated - _allocatedOnce, scan.FramesFound, framesExpected,
            _failures.Count(FuzzFailureKind.BufferGrowth) + _failures.Count(FuzzFailureKind.Disagreement),
            TimeSpan.FromTicks((long)(_slowestTicks * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }

    /// <summary>
    /// A case during which the counter moved, fed again through fresh targets (in fixed chunks, so the generator's
    /// sequence and the seed's replay stay as they were): the bytes allocated on the repeat, 0 when it was a one-off.
    /// </summary>
    private long ReplayAllocation(ReadOnlySpan<byte> bytes, long caseIndex, FuzzInputKind kind)
    {
        bytes.CopyTo(_replayCase);
        int length = bytes.Length;
        var failures = new FuzzFailures();
        var scan = new ScanTarget("replay", FrameScanner.DefaultCapacity, decode: true, expected: null);
        var small = new ScanTarget("replay-512", FrameScanner.MinimumCapacity, decode: false, expected: null);
        var reader = new ReaderTarget();
        long repeat = RepeatedAllocation.Measure(() =>
        {
            for (int at = 0; at < length; at += ReplayChunk)
            {
                var chunk = _replayCase.AsSpan(at, Math.Min(ReplayChunk, length - at));
                scan.Feed(chunk, caseIndex, kind, failures);
                small.Feed(chunk, caseIndex, kind, failures);
                reader.Feed(chunk, caseIndex, kind, at, failures);
            }
        });
        _output.WriteLine($"fuzz: case {caseIndex} ({kind}): the allocation counter moved; replayed, it allocated {repeat} B " +
            (repeat == 0 ? "(a one-off: a first call or the runtime's accounting, not counted)" : "again: counted"));
        return repeat;
    }

    /// <summary>The bytes before and at the new failures of a case, so a failure can be understood without replaying it.</summary>
    private void ShowBytes(ReadOnlySpan<byte> bytes, long caseOffset, long failuresBefore)
    {
        var first = _failures.First;
        for (long i = failuresBefore; i < first.Length; i++)
        {
            long at = first[(int)i].Offset - caseOffset;
            if (at < 0 || at >= bytes.Length) continue;
            int from = (int)Math.Max(0, at - 48);
            _output.WriteLine($"fuzz: {first[(int)i].Kind} at stream offset {first[(int)i].Offset}: {at - from} bytes before it, then 16: " +
                $"{Convert.ToHexString(bytes[from..(int)at])} | {Convert.ToHexString(bytes[(int)at..(int)Math.Min(bytes.Length, at + 16)])}");
        }
    }

    private delegate void ChunkFeed(ReadOnlySpan<byte> chunk, int at);

    /// <summary>Feeds in random chunk sizes, each chunk under the watchdog.</summary>
    private void FeedInChunks(ReadOnlySpan<byte> bytes, FuzzInputGenerator generator, ChunkFeed feed)
    {
        for (int at = 0; at < bytes.Length;)
        {
            int n = Math.Min(generator.NextChunk(), bytes.Length - at);
            long start = Stopwatch.GetTimestamp();
            Volatile.Write(ref _busySince, start);
            feed(bytes.Slice(at, n), at);
            long ticks = Stopwatch.GetTimestamp() - start;
            Volatile.Write(ref _busySince, 0);
            if (ticks > _slowestTicks) _slowestTicks = ticks;
            if (ticks > _hangBound.TotalSeconds * Stopwatch.Frequency)
                _failures.Add(new FuzzFailure(FuzzFailureKind.Hang, "chunk", -1, default, -1, Detail: ticks));
            at += n;
        }
    }

    /// <summary>
    /// The same bytes, chunked differently, through a scanner with another buffer size and through the reader, must
    /// give the same totals: the scanner's decisions depend on the bytes only. Skipped after an exception or a stall
    /// (a target restarted then).
    /// </summary>
    private void CrossCheck(ScanTarget scan, ScanTarget small, ReaderTarget reader, long cases)
    {
        if (_failures.Count(FuzzFailureKind.Exception) + _failures.Count(FuzzFailureKind.Hang) > 0) return;
        var stats = scan.Statistics;
        var r = reader.Reader;
        Check(scan.Balanced, scan.Name, "events do not cover the bytes appended");
        Check(small.Balanced, small.Name, "events do not cover the bytes appended");
        Check(small.Statistics == stats, small.Name, $"statistics {small.Statistics} differ from the scanner's {stats}");
        Check(r.Bytes == stats.Bytes && r.ValidFrames == stats.ValidFrames && r.ChecksumErrors == stats.ChecksumErrors && r.DiscardedBytes == stats.DiscardedBytes,
            reader.Name, $"bytes {r.Bytes}, valid frames {r.ValidFrames}, checksum errors {r.ChecksumErrors}, discarded {r.DiscardedBytes} differ from the scanner's {stats}");
        Check(reader.Sink.CellInfos == scan.ReaderCellInfos && reader.Sink.DeviceInfos == scan.ReaderDeviceInfos, reader.Name,
            $"handed on {reader.Sink.CellInfos} cell infos and {reader.Sink.DeviceInfos} device infos, the scanner's events give {scan.ReaderCellInfos} and {scan.ReaderDeviceInfos}");

        void Check(bool ok, string target, string what)
        {
            if (ok) return;
            _output.WriteLine($"fuzz: FAILED {target}: {what}");
            _failures.Add(new FuzzFailure(FuzzFailureKind.Disagreement, target, cases, default, -1));
        }
    }

    private void Progress(long fed, long cases, long started, long found, long expected)
    {
        double seconds = Math.Max(1e-9, Stopwatch.GetElapsedTime(started).TotalSeconds);
        _output.WriteLine($"fuzz: {100.0 * fed / _bytes,5:0.0} %  {fed:N0} bytes in {cases:N0} cases  {BenchFormat.Number(fed / seconds / 1e6)} MB/s  " +
            $"slowest chunk {BenchFormat.Number(_slowestTicks * 1000.0 / Stopwatch.Frequency, 2)} ms  {found:N0}/{expected:N0} spliced frames found  {_failures.Total} failed checks");
    }

    private void Report(ScanTarget scan, ScanTarget small, ReaderTarget reader)
    {
        var s = scan.Statistics;
        _output.WriteLine($"fuzz: scanner: {s.ValidFrames:N0} valid frames, {s.ChecksumErrors:N0} checksum errors, {s.Polls:N0} polls, {s.Acknowledgements:N0} acknowledgements, " +
            $"{s.DiscardedBytes:N0} bytes discarded; most bytes held {scan.MaxBuffered} (bound {ScanTarget.MaxUndecided}); {scan.Decodes:N0} decoder calls; {scan.Allocated} B allocated");
        _output.WriteLine($"fuzz: scanner-512: most bytes held {small.MaxBuffered}; {small.Allocated} B allocated");
        _output.WriteLine($"fuzz: reader: {reader.Sink.CellInfos:N0} cell infos and {reader.Sink.DeviceInfos:N0} device infos handed on; {reader.Allocated} B allocated " +
            $"(sinks {(scan.Sink + reader.Sink.Sink) % 1000})");
        if (_allocatedOnce > 0)
            _output.WriteLine($"fuzz: {_allocatedOnce} B of that allocated once and not again on a replay of the same cases: not counted");
        foreach (var f in _failures.First)
        {
            string where = f.Case >= 0 ? $"case {f.Case} ({f.Input}), stream offset {f.Offset}" : "";
            string detail = f.Exception is { } e ? $": {e.GetType().Name}: {e.Message} {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}" : f.Detail != 0 ? $" ({f.Detail})" : "";
            _output.WriteLine($"fuzz: FAILED {f.Kind} in {f.Target}: {where}{detail} (seed {_seed})");
        }
        if (_failures.Total > FuzzFailures.Kept) _output.WriteLine($"fuzz: ... {_failures.Total - FuzzFailures.Kept} more failed checks");
    }
}
