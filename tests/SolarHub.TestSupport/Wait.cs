using SolarHub.Simulator;

namespace SolarHub.TestSupport;

/// <summary>Bounded waits on real conditions (never a bare sleep used as synchronisation).</summary>
public static class Wait
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    /// <summary>Re-checks <paramref name="condition"/> every few milliseconds until it holds; throws after <paramref name="timeout"/> (default <see cref="Default"/>).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Default;
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Probes until the answer is <paramref name="done"/>; returns that answer, or throws with the last one after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Default;
        var deadline = DateTime.UtcNow + limit;
        T last;
        while (!done(last = await probe()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}; last: {last}.");
            await Task.Delay(20);
        }
        return last;
    }

    /// <summary>Waits for <paramref name="polls"/> more polls on the simulated bus: the bus has moved on by that much.</summary>
    public static Task ForPollsAsync(SimulatedBus bus, int polls)
    {
        long target = bus.Statistics.Polls + polls;
        return UntilAsync(() => bus.Statistics.Polls >= target, $"{polls} more polls on the bus");
    }
}
