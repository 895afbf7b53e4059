namespace SolarHub.Simulator.Tests.Support;

/// <summary>Bounded waits on real conditions (never a bare sleep used as synchronisation).</summary>
public static class Wait
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    /// <summary>Re-checks <paramref name="condition"/> every few milliseconds until it holds; throws after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(5);
        }
    }

    /// <summary>Waits for <paramref name="polls"/> more polls on the simulated bus: the bus has moved on by that much.</summary>
    public static Task ForPollsAsync(SimulatedBus bus, int polls)
    {
        long target = bus.Statistics.Polls + polls;
        return UntilAsync(() => bus.Statistics.Polls >= target, $"{polls} more polls on the bus");
    }
}
