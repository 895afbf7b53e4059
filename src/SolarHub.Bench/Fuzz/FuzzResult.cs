using System.Globalization;

namespace SolarHub.Bench.Fuzz;

/// <summary>Figures of <c>solarhub bench fuzz</c> (MB = 10^6 bytes).</summary>
/// <param name="Bytes">Fuzz input fed through every target (the final flush of zeros not counted).</param>
/// <param name="Seconds">Wall-clock time of the fuzz loop: generating the input and every target's work.</param>
/// <param name="OtherFailures">Failed checks not in the summary line: buffer growth, disagreements between targets.</param>
public sealed record FuzzResult(
    int Seed, long Bytes, double Seconds, long Exceptions, long Hangs, long AllocatedBytes,
    long FramesFound, long FramesExpected, long OtherFailures, TimeSpan SlowestChunk)
{
    public double MegabytesPerSecond => Seconds > 0 ? Bytes / Seconds / 1e6 : 0;

    public bool Passed => Exceptions == 0 && Hangs == 0 && AllocatedBytes == 0 && FramesFound == FramesExpected && OtherFailures == 0;

    public string Summary =>
        string.Create(CultureInfo.InvariantCulture,
            $"fuzz: {Bytes} bytes, {BenchFormat.Number(MegabytesPerSecond)} MB/s, {Exceptions} exceptions, {Hangs} hangs, " +
            $"{AllocatedBytes} B allocated, {FramesFound}/{FramesExpected} spliced frames found");
}
