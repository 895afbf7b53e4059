using System.Diagnostics;
using SolarHub.Configuration;
using SolarHub.Core.Configuration;
using SolarHub.Core.Telemetry;
using SolarHub.Simulator;

namespace SolarHub.Bench;

/// <summary>Figures of <c>solarhub bench scale</c>. KB = 1024 bytes.</summary>
/// <param name="CpuPercent">CPU of this process over wall time, in % of one core: the hub alone when the simulators ran in a child process.</param>
/// <param name="SimulatorCpuPercent">CPU of the simulator child process, or null when the simulators ran in this process.</param>
/// <param name="FloorCpuPercent">CPU of <see cref="ScanFloor"/> on the same gateways, in % of one core; null with <c>--in-process</c> (the simulators' CPU would be in it).</param>
public sealed record ScaleResult(int Banks, double CpuPercent, double KilobytesPerBank, double? SimulatorCpuPercent, double? FloorCpuPercent = null)
{
    public string Summary =>
        $"scale: {Banks} banks, {BenchFormat.Number(CpuPercent)} % of one core, {BenchFormat.Number(KilobytesPerBank)} KB/bank" +
        (FloorCpuPercent is { } floor && floor > 0 ? $", floor {BenchFormat.Number(floor)} % ({BenchFormat.Number(CpuPercent / floor, 2)}x)" : "");
}

/// <summary>
/// <c>solarhub bench scale</c>: N banks of 3 packs, each with one passive adapter and a TCP connection of its own to a
/// simulated gateway polled at the JK pace (130 ms per poll). The gateways run in a child process by default, so this
/// process's CPU is the hub's (plus a telemetry-counting subscriber); with <c>--in-process</c> they run here and the
/// figure is hub and simulators together. Memory per bank: managed heap after a full collection with the banks running,
/// minus the same before they were started, divided by N. Then (gateways in a child process only) the floor: the same
/// gateways read by bare sockets and the frame scanner (<see cref="ScanFloor"/>), for the same time.
/// </summary>
public static class ScaleBench
{
    public const int PacksPerBank = 3;
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(5);

    public static async Task<ScaleResult> RunAsync(int banks, int gateways, TimeSpan duration, bool inProcess, TextWriter output, CancellationToken ct)
    {
        // Per bank: a client socket here; per gateway a listener, per connection an accepted socket, wherever the gateways run.
        ResourceLimits.Require(inProcess ? 2 * banks + gateways + 200 : banks + 200, banks, $"{banks} banks");
        if (!inProcess) ResourceLimits.Require(banks + gateways + 200, 0, $"the simulator process with {gateways} gateways");

        var startTimeout = TimeSpan.FromSeconds(30 + gateways / 20.0);
        output.WriteLine($"scale: starting {gateways} simulated gateway(s) of {PacksPerBank} packs, polled every " +
            $"{SimulatorOptions.DefaultPollInterval.TotalMilliseconds:0} ms, {(inProcess ? "in this process" : "in a child process")}");
        GatewayFarm? farm = null;
        GatewayFarmProcess? child = null;
        try
        {
            IReadOnlyList<int> ports;
            if (inProcess) ports = (farm = await GatewayFarm.StartAsync(gateways, PacksPerBank)).Ports;
            else
            {
                child = await GatewayFarmProcess.StartAsync(gateways, PacksPerBank, startTimeout, ct);
                ports = child.Ports;
                output.WriteLine($"scale: simulator process {child.ProcessId} ready");
            }
            if (ports.Count != gateways) throw new BenchException($"expected {gateways} gateway ports, got {ports.Count}");
            var hub = await MeasureAsync(banks, ports, duration, child, output, ct);
            if (child is null) return hub;
            // The floor on the same farm in the same run, once the hub has gone: the sockets and the scan alone.
            var warmUp = duration < MaxWarmUp ? duration : MaxWarmUp;
            output.WriteLine($"scale: the floor: {banks} bare sockets read into the frame scanner, warm-up {warmUp.TotalSeconds:0} s, CPU for {duration.TotalSeconds:0} s");
            var (floor, frames) = await ScanFloor.MeasureAsync(ports, banks, warmUp, duration, ct);
            output.WriteLine($"scale: floor {BenchFormat.Number(floor)} % of one core, {BenchFormat.Integer(frames)} frames/s; " +
                $"the hub {BenchFormat.Number(hub.CpuPercent / floor, 2)}x the floor; machine: {MachineLoad.Describe()}");
            return hub with { FloorCpuPercent = floor };
        }
        finally
        {
            if (child is not null) await child.DisposeAsync();
            if (farm is not null) await farm.DisposeAsync();
        }
    }

    private static async Task<ScaleResult> MeasureAsync(int banks, IReadOnlyList<int> ports, TimeSpan duration, GatewayFarmProcess? child,
        TextWriter output, CancellationToken ct)
    {
        var config = new HubConfig(Enumerable.Range(0, banks).Select(i => new BankConfig($"bank-{i:D4}", $"Scale bench bank {i}",
            [.. Enumerable.Range(1, PacksPerBank).Select(a => new PackConfig((byte)a))],
            [new AdapterConfig("gateway", AdapterProtocol.JkPassive, new TcpTransport("127.0.0.1", ports[i % ports.Count]))])).ToList(), []);

        var gate = new Lock();
        var healthy = new HashSet<string>();
        var reporting = new HashSet<string>();
        long telemetry = 0;

        await using var hub = BenchHub.Start(HubConfig.Empty, BankTimings.Default);
        hub.Subscribe("scale-probe", (message, _) =>
        {
            switch (message)
            {
                case AdapterStateChanged { To: AdapterState.Healthy } change:
                    lock (gate) healthy.Add(change.BankId);
                    break;
                case PackTelemetry { Stale: false } pack:
                    Interlocked.Increment(ref telemetry);
                    lock (gate) reporting.Add(pack.BankId);
                    break;
            }
        }, typeof(AdapterStateChanged), typeof(PackTelemetry));

        await Task.Delay(500, ct);
        long heapBefore = HeapAfterFullCollection();
        long workingSetBefore = Environment.WorkingSet;

        output.WriteLine($"scale: starting {banks} banks (machine: {MachineLoad.Describe()})");
        var started = Stopwatch.GetTimestamp();
        var readyTimeout = TimeSpan.FromSeconds(60 + banks / 20.0);
        hub.Apply(config);
        while (true)
        {
            await Task.Delay(1000, ct);
            int count;
            lock (gate) count = healthy.Count;
            output.WriteLine($"scale: {count}/{banks} banks healthy after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
            if (count == banks) break;
            if (child is { HasExited: true }) throw new BenchException("the simulator process ended while the banks were starting");
            if (Stopwatch.GetElapsedTime(started) > readyTimeout)
                throw new BenchException($"only {count} of {banks} banks became healthy within {readyTimeout.TotalSeconds:0} s");
        }

        // Connection set-up, JIT tiering and the first slow polls stay out of the figure (shorter only for tiny runs).
        var warmUp = duration < MaxWarmUp ? duration : MaxWarmUp;
        output.WriteLine($"scale: warming up for {warmUp.TotalSeconds:0} s, then measuring CPU for {duration.TotalSeconds:0} s");
        await Task.Delay(warmUp, ct);
        lock (gate) reporting.Clear();
        var self = Process.GetCurrentProcess();
        var cpuStart = self.TotalProcessorTime;
        var childStart = child?.TotalProcessorTime ?? TimeSpan.Zero;
        long telemetryStart = Interlocked.Read(ref telemetry);
        long wallStart = Stopwatch.GetTimestamp();
        int seconds = (int)Math.Ceiling(duration.TotalSeconds);
        TimeSpan cpu = TimeSpan.Zero, childCpu = TimeSpan.Zero, wall = TimeSpan.Zero;
        for (int second = 1; second <= seconds; second++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), wallStart + second * Stopwatch.Frequency);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            self.Refresh();
            cpu = self.TotalProcessorTime - cpuStart;
            childCpu = child is null ? TimeSpan.Zero : child.TotalProcessorTime - childStart;
            wall = Stopwatch.GetElapsedTime(wallStart);
            double rate = (Interlocked.Read(ref telemetry) - telemetryStart) / wall.TotalSeconds;
            output.WriteLine($"scale: {second,3} s  {(child is null ? "hub + simulators" : "hub")} {BenchFormat.Number(Percent(cpu, wall))} % of one core" +
                (child is null ? "" : $", simulators {BenchFormat.Number(Percent(childCpu, wall))} %") +
                $", {BenchFormat.Integer(rate)} pack telemetry/s");
        }
        if (child is { HasExited: true }) throw new BenchException("the simulator process ended during the measurement");

        // Every SlowPollEvery cycles the master also asks each pack for device info and settings: those polls carry no cell data.
        var bus = new SimulatorOptions();
        double cellShare = bus.SlowPollEvery > 0 ? bus.SlowPollEvery / (bus.SlowPollEvery + 2.0) : 1;
        double expected = banks * cellShare / bus.PollInterval.TotalSeconds;
        double measuredRate = (Interlocked.Read(ref telemetry) - telemetryStart) / wall.TotalSeconds;
        int reported;
        lock (gate) reported = reporting.Count;
        output.WriteLine($"scale: {reported}/{banks} banks published telemetry while measured; {BenchFormat.Integer(measuredRate)} pack telemetry/s " +
            $"(the gateways send about {BenchFormat.Integer(expected)} cell frames/s); machine: {MachineLoad.Describe()}");
        if (measuredRate < 0.8 * expected)
            output.WriteLine("scale: WARNING: the hub did not keep up with the frames sent, so its CPU figure understates the real need " +
                "(a busy machine starves it, or the hub saturated); compare with the load average above");

        long heapAfter = HeapAfterFullCollection();
        long workingSetAfter = Environment.WorkingSet;
        double kbPerBank = (heapAfter - heapBefore) / 1024.0 / banks;
        output.WriteLine($"scale: managed heap {heapBefore / 1048576.0:0.0} MiB -> {heapAfter / 1048576.0:0.0} MiB after full collections " +
            $"({BenchFormat.Number(kbPerBank)} KB/bank); working set {workingSetBefore / 1048576.0:0} MiB -> {workingSetAfter / 1048576.0:0} MiB " +
            $"({BenchFormat.Number((workingSetAfter - workingSetBefore) / 1024.0 / banks)} KB/bank, native included)");
        if (child is not null)
            output.WriteLine($"scale: simulators (child process) used {BenchFormat.Number(Percent(childCpu, wall))} % of one core; " +
                $"hub + simulators {BenchFormat.Number(Percent(cpu + childCpu, wall))} %");
        else
            output.WriteLine("scale: the CPU figure is hub and simulators together (--in-process)");
        return new ScaleResult(banks, Percent(cpu, wall), kbPerBank, child is null ? null : Percent(childCpu, wall));
    }

    private static double Percent(TimeSpan cpu, TimeSpan wall) => wall > TimeSpan.Zero ? 100.0 * cpu.TotalSeconds / wall.TotalSeconds : 0;

    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
