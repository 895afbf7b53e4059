namespace SolarHub.Core.Banks;

/// <summary>Which fault of a streak deserves a log line.</summary>
public enum FaultNotice
{
    /// <summary>A retry like the ones before: no line.</summary>
    None,
    /// <summary>The first fault since the adapter was last healthy.</summary>
    First,
    /// <summary>The fault that spent the restart budget: the adapter is marked failed.</summary>
    BudgetSpent,
    /// <summary>A reminder, at most once per <see cref="FaultStreak.ReminderInterval"/>.</summary>
    StillFailing,
}

/// <summary>
/// An adapter's faults since it was last healthy, so the log tells the changes (first fault, restart budget spent,
/// recovery) and a reminder once a minute rather than a line per retry: a bank with no healthy adapter retries its
/// adapters twice a second.
/// </summary>
public sealed class FaultStreak
{
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset _lastNotice;
    private bool _budgetNoticed;

    /// <summary>Faults in the streak; 0 while the adapter is fine.</summary>
    public int Faults { get; private set; }

    public DateTimeOffset? Since { get; private set; }

    /// <summary>Faults repeat: the state changes of each retry are not worth a line of their own.</summary>
    public bool Repeating => Faults > 1;

    public FaultNotice Fault(DateTimeOffset now, bool budgetSpent)
    {
        Faults++;
        if (Faults == 1)
        {
            Since = _lastNotice = now;
            return FaultNotice.First;
        }
        if (budgetSpent && !_budgetNoticed)
        {
            _budgetNoticed = true;
            _lastNotice = now;
            return FaultNotice.BudgetSpent;
        }
        if (now - _lastNotice < ReminderInterval) return FaultNotice.None;
        _lastNotice = now;
        return FaultNotice.StillFailing;
    }

    /// <summary>The adapter is healthy: ends the streak; returns how many faults it had and how long it lasted, or null when there was none.</summary>
    public (int Faults, TimeSpan Lasted)? Recover(DateTimeOffset now)
    {
        if (Since is not { } since) return null;
        var streak = (Faults, now - since);
        Faults = 0;
        Since = null;
        _budgetNoticed = false;
        return streak;
    }
}
