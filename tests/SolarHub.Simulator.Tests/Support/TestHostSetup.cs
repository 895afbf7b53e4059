using System.Runtime.CompilerServices;

namespace SolarHub.Simulator.Tests.Support;

internal static class TestHostSetup
{
    // The test host and the xunit adapter block a few thread-pool threads while tests run; on a 2-core machine the
    // pool then starts with too few threads, and the simulators' timers fire hundreds of ms late until it grows.
    // Real time matters here (pacing, drip), so give the pool room from the start.
#pragma warning disable CA2255 // a module initializer is the one place that runs before any test
    [ModuleInitializer]
    internal static void RaiseThreadPoolMinimum()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
    }
#pragma warning restore CA2255
}
