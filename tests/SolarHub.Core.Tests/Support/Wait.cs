namespace SolarHub.Core.Tests.Support;

/// <summary>Bounded waits on real conditions (never a bare sleep used as synchronisation).</summary>
public static class Wait
{
    /// <summary>Re-checks <paramref name="condition"/> every few milliseconds until it holds; throws after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
