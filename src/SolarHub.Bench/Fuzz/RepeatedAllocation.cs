namespace SolarHub.Bench.Fuzz;

/// <summary>
/// Whether work allocates every time it runs, not only the first time. A thread's allocation counter can move once
/// for reasons that are not the code under test: a rarely taken path's first call (type initialisers, literals the
/// JIT interns), or the runtime's accounting when another thread's collection retires this thread's allocation
/// context. In a busy test process a few KB show up like that in about one run in ten. Work that allocates per call
/// allocates again on a repeat; that is the growth the fuzzer is after.
/// </summary>
public static class RepeatedAllocation
{
    public delegate void Work();

    /// <summary>Runs <paramref name="work"/> twice and returns the bytes this thread allocated in the second run.</summary>
    public static long Measure(Work work)
    {
        ArgumentNullException.ThrowIfNull(work);
        work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
