using System.Diagnostics;
using SolarHub.Protocol.Jk;
using SolarHub.Simulator;

namespace SolarHub.Bench;

/// <summary>Figures of <c>solarhub bench codec</c>: MB = 10^6 bytes.</summary>
/// <param name="CpuShare">CPU time the process got over wall time during the measurement (1 = one whole core).</param>
public sealed record CodecResult(double MegabytesPerSecond, double FramesPerSecond, double AllocatedBytesPerFrame, double CpuShare)
{
    public string Summary =>
        $"codec: {BenchFormat.Number(MegabytesPerSecond)} MB/s, {BenchFormat.Integer(FramesPerSecond)} frames/s, " +
        $"{BenchFormat.Compact(AllocatedBytesPerFrame)} B allocated/frame";
}

/// <summary>
/// <c>solarhub bench codec</c>: scan and decode a bus stream on one thread, as fast as it goes, in socket-sized
/// chunks. Warms up first (JIT tiering), then measures bytes/s, frames/s and the bytes this thread allocated per
/// frame; then runs the scanner alone and the decoders alone briefly, so a shortfall can be located.
/// </summary>
public static class CodecBench
{
    public const int DefaultChunk = 4096;
    public const int GeneratedBytes = 4_000_000;

    public static byte[] LoadStream(FileInfo? file, TextWriter output)
    {
        if (file is null)
        {
            var traffic = BusTrafficGenerator.GenerateBytes(GeneratedBytes, new SimulatorOptions());
            output.WriteLine($"codec: generated {traffic.Bytes.Length:N0} bytes of bus traffic (3 packs, 16 cells, JK02_32S): " +
                $"{traffic.Polls:N0} polls, {traffic.DataFrames:N0} frames, {traffic.Cycles:N0} polling cycles");
            return traffic.Bytes;
        }
        if (!file.Exists) throw new BenchException($"--file: {file.FullName} does not exist");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file.FullName); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new BenchException($"--file: {e.Message}", e); }
        if (bytes.Length == 0) throw new BenchException($"--file: {file.FullName} is empty");
        output.WriteLine($"codec: read {bytes.Length:N0} bytes from {file.Name}");
        return bytes;
    }

    public static CodecResult Run(byte[] stream, TimeSpan duration, int chunk, JkLayout layout, TextWriter output, CancellationToken ct)
    {
        var workload = new CodecWorkload(stream, chunk, layout);
        if (workload.FramesPerPass == 0)
            throw new BenchException($"no valid JK data frame in the {stream.Length:N0} bytes: nothing to decode");
        output.WriteLine($"codec: {workload.FramesPerPass:N0} valid frames per pass of {stream.Length:N0} bytes, fed in {chunk:N0}-byte chunks, looped");

        var warmUp = TimeSpan.FromTicks(Math.Clamp(duration.Ticks / 5, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(2).Ticks));
        output.WriteLine($"codec: warming up for {warmUp.TotalSeconds:0.0} s");
        Measure(workload.ScanAndDecodePass, warmUp, ct);

        output.WriteLine($"codec: measuring scan + decode for {duration.TotalSeconds:0.#} s");
        var main = Measure(workload.ScanAndDecodePass, duration, ct, workload.BytesPerPass, output);
        var result = new CodecResult(main.BytesPerSecond / 1e6, main.FramesPerSecond, main.AllocatedPerFrame, main.CpuShare);
        if (main.CpuShare < 0.9)
            output.WriteLine($"codec: the process got only {main.CpuShare:P0} of a core ({MachineLoad.Describe()}): per CPU-second that is " +
                $"{BenchFormat.Number(main.BytesPerSecond / main.CpuShare / 1e6)} MB/s, {BenchFormat.Integer(main.FramesPerSecond / main.CpuShare)} frames/s");
        output.WriteLine($"codec: decoded {workload.CellInfoFrames:N0} cell info, {workload.SettingsFrames:N0} settings, " +
            $"{workload.DeviceInfoFrames:N0} device info, {workload.OtherFrames:N0} other frames (sink {workload.Sink % 1000})");

        // Where the time and the allocations go, without a profiler: each half on its own.
        var part = TimeSpan.FromTicks(Math.Clamp(duration.Ticks / 4, TimeSpan.FromMilliseconds(250).Ticks, TimeSpan.FromSeconds(2).Ticks));
        var scanOnly = Measure(workload.ScanOnlyPass, part, ct, workload.BytesPerPass);
        output.WriteLine($"codec: scanner alone: {BenchFormat.Number(scanOnly.BytesPerSecond / 1e6)} MB/s, " +
            $"{BenchFormat.Integer(scanOnly.FramesPerSecond)} frames/s, {BenchFormat.Compact(scanOnly.AllocatedPerFrame)} B allocated/frame" +
            $" ({BenchFormat.Number(scanOnly.BytesPerSecond / scanOnly.CpuShare / 1e6)} MB per CPU-second)");
        var decodeOnly = Measure(workload.DecodeOnlyPass, part, ct, bytesPerPass: 0);
        output.WriteLine($"codec: decoders alone: {BenchFormat.Integer(decodeOnly.FramesPerSecond)} frames/s " +
            $"({BenchFormat.Number(1e9 * decodeOnly.CpuShare / Math.Max(1, decodeOnly.FramesPerSecond))} CPU-ns/frame), {BenchFormat.Compact(decodeOnly.AllocatedPerFrame)} B allocated/frame");
        return result;
    }

    /// <param name="CpuShare">Process CPU time over wall time: below 1 when other processes took the core.</param>
    private readonly record struct Measurement(double BytesPerSecond, double FramesPerSecond, double AllocatedPerFrame, double CpuShare);

    /// <summary>Runs whole passes for at least <paramref name="duration"/>; allocations are counted around the passes only, not the progress lines.</summary>
    private static Measurement Measure(Func<long> pass, TimeSpan duration, CancellationToken ct, int bytesPerPass = 0, TextWriter? progress = null)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long nextReport = start + Stopwatch.Frequency;
        long bytes = 0, frames = 0, allocated = 0, now;
        do
        {
            ct.ThrowIfCancellationRequested();
            long before = GC.GetAllocatedBytesForCurrentThread();
            frames += pass();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            bytes += bytesPerPass;
            now = Stopwatch.GetTimestamp();
            if (progress is not null && now >= nextReport)
            {
                double s = (now - start) / (double)Stopwatch.Frequency;
                progress.WriteLine($"codec: {s,4:0.0} s  {BenchFormat.Number(bytes / s / 1e6)} MB/s  {BenchFormat.Integer(frames / s)} frames/s");
                nextReport += Stopwatch.Frequency;
            }
        } while (now < end);
        double seconds = (now - start) / (double)Stopwatch.Frequency;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new Measurement(bytes / seconds, frames / seconds, frames == 0 ? 0 : allocated / (double)frames, Math.Clamp(cpu / seconds, 0.01, 1));
    }
}
