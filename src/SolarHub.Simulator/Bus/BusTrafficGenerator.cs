using SolarHub.Protocol.Jk.Bus;

namespace SolarHub.Simulator;

/// <summary>
/// Realistic JK bus traffic without pacing, in one array: for benchmarks, fuzzing and capture files. The bytes are
/// what <see cref="JkMasterBus"/> puts on the wire, so the same options (and seed) give the same bytes.
/// </summary>
public static class BusTrafficGenerator
{
    /// <summary>Whole transactions up to <paramref name="maxBytes"/> bytes (at least one transaction).</summary>
    public static BusTraffic GenerateBytes(int maxBytes, SimulatorOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        return Generate(options, Math.Max(maxBytes, JkMasterBus.MaxTransactionLength), long.MaxValue);
    }

    /// <summary><paramref name="cycles"/> complete polling cycles (slow polls included on the first and every Nth cycle).</summary>
    public static BusTraffic GenerateCycles(int cycles, SimulatorOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 1);
        options ??= new SimulatorOptions();
        long slowCycles = 1 + (options.SlowPollEvery > 0 ? (cycles - 1) / options.SlowPollEvery : 0);
        long bound = (cycles + 2 * slowCycles) * options.Packs * (long)JkMasterBus.MaxTransactionLength;
        if (bound > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(cycles), "Too much traffic for one array.");
        return Generate(options, (int)bound, cycles);
    }

    private static BusTraffic Generate(SimulatorOptions? options, int capacity, long cycles)
    {
        options ??= new SimulatorOptions();
        var master = new JkMasterBus(new SimulatedBank(options));
        var bytes = new byte[capacity];
        Span<byte> scratch = stackalloc byte[JkMasterBus.MaxTransactionLength];
        int length = 0, frames = 0, polls = 0;
        while (master.Cycle < cycles)
        {
            // Compose in place while a whole transaction fits; the last one goes through scratch to see if it fits.
            bool inPlace = capacity - length >= JkMasterBus.MaxTransactionLength;
            var target = inPlace ? bytes.AsSpan(length) : scratch;
            var tx = master.WriteNext(target);
            if (!inPlace)
            {
                if (tx.Length > capacity - length) break;
                scratch[..tx.Length].CopyTo(bytes.AsSpan(length));
            }
            length += tx.Length;
            polls++;
            if (tx.Answered) frames++;
        }
        Array.Resize(ref bytes, length);
        return new BusTraffic(bytes, frames, polls, frames, master.Cycle);
    }
}
