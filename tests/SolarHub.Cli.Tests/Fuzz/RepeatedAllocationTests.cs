using SolarHub.Bench.Fuzz;

namespace SolarHub.Cli.Tests.Fuzz;

/// <summary>The fuzzer counts allocation only when a case allocates again on a repeat: the rule it rests on.</summary>
public sealed class RepeatedAllocationTests
{
    [Fact]
    public void Work_that_allocates_on_every_call_is_counted_on_the_repeat()
    {
        var kept = new List<byte[]>();

        long repeat = RepeatedAllocation.Measure(() => kept.Add(new byte[1000]));

        repeat.Should().BeGreaterThanOrEqualTo(1000);
    }

    [Fact]
    public void Work_that_allocates_only_on_its_first_call_is_not_counted()
    {
        byte[]? table = null;
        long sum = 0;

        long repeat = RepeatedAllocation.Measure(() =>
        {
            table ??= new byte[4096];
            sum += table.Length;
        });

        repeat.Should().Be(0);
        sum.Should().Be(8192);
    }
}
