namespace SolarHub.ConfigStore.Tests.Support;

/// <summary>Bounded waits on real conditions (never a bare sleep used as synchronisation).</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            await Task.Delay(20);
        }
    }

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (!done(last = await probe()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; last: {last}.");
            await Task.Delay(20);
        }
        return last;
    }
}
