namespace SolarHub.Simulator;

/// <summary>Applies <see cref="ScheduledFault"/>s at their times (and clears and repeats them) until cancelled.</summary>
public static class FaultScheduler
{
    /// <summary>Runs the schedule from now; completes when every fault is done or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(IEnumerable<ScheduledFault> schedule, FaultController faults, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(schedule.Select(f => RunOneAsync(f, faults, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    private static async Task RunOneAsync(ScheduledFault fault, FaultController faults, CancellationToken ct)
    {
        if (fault.At > TimeSpan.Zero) await Task.Delay(fault.At, ct).ConfigureAwait(false);
        while (true)
        {
            fault.Apply(faults);
            var lasted = TimeSpan.Zero;
            if (fault.For is { } duration)
            {
                await Task.Delay(duration, ct).ConfigureAwait(false);
                fault.Revert(faults);
                lasted = duration;
            }
            if (fault.Every is not { } every) return;
            await Task.Delay(every - lasted, ct).ConfigureAwait(false);
        }
    }
}
