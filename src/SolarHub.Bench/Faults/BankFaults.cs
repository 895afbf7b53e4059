using SolarHub.Core.Configuration;
using SolarHub.Simulator;

namespace SolarHub.Bench.Faults;

/// <summary>
/// The rows of <c>bench faults</c> that fault one bank on loopback (docs/reliability.md says what each fault is and what
/// surviving it means), in the order the table shows them. New instances per run: some rows keep counters between
/// their injection and their checks.
/// </summary>
public static class BankFaults
{
    // The bank's own deadline for a fault that leaves bytes flowing (data-deadline 2 s, judged every 250 ms tick), plus slack for a loaded machine.
    internal static readonly TimeSpan DataDeadlineBudget = TimeSpan.FromSeconds(3.5);
    private static readonly TimeSpan StaleLimit = BankTimings.Default.PackStaleAfter + TimeSpan.FromSeconds(3);
    private static readonly TimeSpan BackLimit = TimeSpan.FromSeconds(5);
    private const byte DeadPack = 2;
    private const string LostConnection = "lost its connection";
    internal const string WentSilent = "went silent";

    public static IReadOnlyList<IFaultScenario> All() =>
    [
        new FailoverFault("rst", new RigOptions(), Reset, clear: null) { ExpectedReason = LostConnection },
        new FailoverFault("refused", new RigOptions(), async r => $"gateway gone, {await r.StopPrimaryGatewayAsync(reset: false)} connection(s) closed, port refusing",
            r => { r.StartPrimaryGateway(); return Task.CompletedTask; }) { ExpectedReason = LostConnection },
        new FailoverFault("half-open", new RigOptions { Primary = PrimaryLink.TcpThroughProxy }, Proxy(ProxyMode.Frozen, "peer vanished: nothing passes, nothing closes"), Proxy(ProxyMode.Relay))
        { LearnedRhythm = true, ExpectedReason = "rhythm" },
        new FailoverFault("accept-then-silence", new RigOptions(), AcceptThenSilence, Clear(FaultKind.SilenceNewConnections)) { ExpectedReason = LostConnection },
        new FailoverFault("slow-drip", new RigOptions(), Faults(f => f.Drip(TimeSpan.FromMilliseconds(200)), "one byte every 200 ms"), Clear(FaultKind.Drip))
        { FailoverBudget = DataDeadlineBudget, ExpectedReason = WentSilent },
        new FailoverFault("garbage-flood", new RigOptions { Primary = PrimaryLink.TcpThroughProxy }, Proxy(ProxyMode.Garbage, "random bytes only, about 12.8 kB/s"), Proxy(ProxyMode.Relay))
        { FailoverBudget = DataDeadlineBudget, ExpectedReason = WentSilent },
        CorruptFrames(),
        SplitWrites(),
        MergedWrites(),
        new RideThroughFault("unknown-pack", new RigOptions { BusPacks = 4 }, _ => Task.FromResult("pack 4 answers on the bus, the bank knows 1..3"), _ => Task.CompletedTask)
        {
            Effect = async (r, _, ct) =>
            {
                var packs = (await r.SnapshotAsync(ct)).Packs.Select(p => p.Address).Order().ToArray();
                return packs.SequenceEqual(FaultRig.ConfiguredPacks) ? Finding.Held(detail: "pack 4 ignored")
                    : Finding.Broken($"the bank shows packs {string.Join(",", packs)}");
            },
        },
        new RideThroughFault("dead-pack", new RigOptions(), BothBuses(f => f.MakePackMissing(DeadPack), $"pack {DeadPack} stops answering"), BothBuses(f => f.RestorePack(DeadPack), ""))
        {
            LearnedRhythm = true,
            LivePacks = [1, 3],
            During = async (r, faultAt, ct) => await r.Watch.WaitForAsync(() => r.Watch.FirstStale(faultAt, DeadPack), StaleLimit, ct) is { } stale
                ? Finding.Held(RowClock.Between(faultAt, stale.At), $"pack {DeadPack} stale")
                : Finding.Broken($"pack {DeadPack} not stale within {StaleLimit.TotalSeconds:0} s"),
            After = async (r, clearAt, ct) => await r.Watch.WaitForAsync(() => r.Watch.FirstFresh(clearAt, FaultRig.Primary, DeadPack), BackLimit, ct) is { } back
                ? Finding.Held(RowClock.Between(clearAt, back.At))
                : Finding.Broken($"pack {DeadPack} not back within {BackLimit.TotalSeconds:0} s"),
        },
        new RestartingGatewayFault(),
        new LoneGatewayFault(),
        new FailoverFault("pty-removed", new RigOptions { Primary = PrimaryLink.SerialPty },
            async r => { await r.RemovePtyAsync(); return "socat killed, pty links deleted"; }, r => r.RecreatePtyAsync()) { ExpectedReason = LostConnection },
    ];

    private static Task<string> Reset(FaultRig r) => Task.FromResult($"{r.PrimaryFaults.ResetConnections()} connection(s) reset, gateway listening");

    private static Task<string> AcceptThenSilence(FaultRig r)
    {
        r.PrimaryFaults.SilenceNewConnections();
        return Task.FromResult($"{r.PrimaryFaults.ResetConnections()} connection(s) reset, new ones accepted and never sent to");
    }

    private static Func<FaultRig, Task<string>> Faults(Action<FaultController> fault, string what) => r =>
    {
        fault(r.PrimaryFaults);
        return Task.FromResult(what);
    };

    private static Func<FaultRig, Task> Clear(FaultKind kind) => r =>
    {
        r.PrimaryFaults.Clear(kind);
        return Task.CompletedTask;
    };

    // The two buses are one physical bus seen by two gateways: a pack fault shows on both.
    private static Func<FaultRig, Task<string>> BothBuses(Action<FaultController> fault, string what) => r =>
    {
        fault(r.PrimaryFaults);
        fault(r.SecondaryGateway.Faults);
        return Task.FromResult(what);
    };

    private static Func<FaultRig, Task<string>> Proxy(ProxyMode mode, string what) => r =>
    {
        r.Proxy!.Mode = mode;
        return Task.FromResult(what);
    };

    private static Func<FaultRig, Task> Proxy(ProxyMode mode) => r =>
    {
        r.Proxy!.Mode = mode;
        return Task.CompletedTask;
    };

    /// <summary>One data frame in ten with a broken checksum: one corruption queued per ten polls of the master.</summary>
    private static RideThroughFault CorruptFrames()
    {
        CancellationTokenSource? stop = null;
        Task corrupting = Task.CompletedTask;
        long errorsBefore = 0;
        return new RideThroughFault("corrupt-10%", new RigOptions(),
            async r =>
            {
                errorsBefore = (await r.SnapshotAsync(CancellationToken.None)).Adapters.Single(a => a.Id == FaultRig.Primary).ChecksumErrors;
                var faults = r.PrimaryFaults;
                var stopping = stop = new CancellationTokenSource();
                corrupting = Task.Run(async () =>
                {
                    using var pace = new PeriodicTimer(SimulatorOptions.DefaultPollInterval * 10);
                    try
                    {
                        while (await pace.WaitForNextTickAsync(stopping.Token)) faults.CorruptChecksums(1);
                    }
                    catch (OperationCanceledException) { }
                });
                return "one frame checksum in ten broken";
            },
            async r =>
            {
                await stop!.CancelAsync();
                await corrupting;
                r.PrimaryFaults.Clear(FaultKind.CorruptChecksums);
                stop.Dispose();
            })
        {
            Effect = async (r, _, ct) =>
            {
                long errors = (await r.SnapshotAsync(ct)).Adapters.Single(a => a.Id == FaultRig.Primary).ChecksumErrors - errorsBefore;
                return errors > 0 ? Finding.Held(detail: $"{errors} checksum errors counted") : Finding.Broken("no checksum error counted: the corruption never reached the hub");
            },
        };
    }

    /// <summary>Every message in 1-byte writes.</summary>
    private static RideThroughFault SplitWrites()
    {
        var before = (Bytes: 0L, Writes: 0L);
        return new RideThroughFault("split-writes", new RigOptions(),
            r =>
            {
                before = (r.PrimaryGateway!.BytesSent, r.PrimaryGateway.Writes);
                r.PrimaryFaults.SplitWrites(1);
                return Task.FromResult("every message in writes of 1 byte");
            },
            Clear(FaultKind.SplitWrites))
        {
            Effect = (r, _, _) => Task.FromResult(BytesPerWrite(r, before) is var perWrite && perWrite <= 1.5
                ? Finding.Held(detail: $"{BenchFormat.Number(perWrite, 2)} bytes per write")
                : Finding.Broken($"{BenchFormat.Number(perWrite, 1)} bytes per write: the split did not happen")),
        };
    }

    /// <summary>Six messages (two transactions: poll, frame, acknowledgement) per write.</summary>
    private static RideThroughFault MergedWrites()
    {
        var before = (Bytes: 0L, Writes: 0L);
        return new RideThroughFault("merged-writes", new RigOptions(),
            r =>
            {
                before = (r.PrimaryGateway!.BytesSent, r.PrimaryGateway.Writes);
                r.PrimaryFaults.MergeWrites(6);
                return Task.FromResult("six messages (two transactions) per write");
            },
            Clear(FaultKind.MergeWrites))
        {
            LearnedRhythm = true,
            // A transaction is about 320 bytes, so two per write is well over one transaction's worth.
            Effect = (r, _, _) => Task.FromResult(BytesPerWrite(r, before) is var perWrite && perWrite >= 400
                ? Finding.Held(detail: $"{BenchFormat.Integer(perWrite)} bytes per write")
                : Finding.Broken($"{BenchFormat.Integer(perWrite)} bytes per write: the merge did not happen")),
        };
    }

    private static double BytesPerWrite(FaultRig r, (long Bytes, long Writes) before)
    {
        var gateway = r.PrimaryGateway!;
        long writes = gateway.Writes - before.Writes;
        return writes == 0 ? 0 : (double)(gateway.BytesSent - before.Bytes) / writes;
    }
}
