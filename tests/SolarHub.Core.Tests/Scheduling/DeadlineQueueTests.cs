using SolarHub.Core.Scheduling;

namespace SolarHub.Core.Tests.Scheduling;

public sealed class DeadlineQueueTests
{
    [Fact]
    public void It_wakes_at_the_end_of_the_tick_that_holds_the_earliest_entry_and_not_at_all_when_empty()
    {
        var queue = new DeadlineQueue<string>(tick: 100);
        queue.NextWake.Should().Be(long.MaxValue, "nothing is due: nothing wakes");

        queue.Add("late", 1_250);
        queue.Add("early", 1_030);
        queue.NextWake.Should().Be(1_100, "the earliest entry's tick ends at 1,100");

        queue.Add("on the grid", 1_000);
        queue.NextWake.Should().Be(1_000, "an entry due on a tick's end is woken for then, not a tick later");
    }

    [Fact]
    public void A_wake_takes_what_is_due_by_then_earliest_first_and_nothing_early()
    {
        var queue = new DeadlineQueue<string>(tick: 100);
        queue.Add("c", 1_090);
        queue.Add("a", 1_010);
        queue.Add("later", 1_101);
        queue.Add("b", 1_050);
        var due = new List<(string Entry, long Due)>();

        queue.TakeDue(1_100, due);

        due.Should().Equal(("a", 1_010), ("b", 1_050), ("c", 1_090));
        queue.Count.Should().Be(1);
        queue.NextWake.Should().Be(1_200);
    }
}
