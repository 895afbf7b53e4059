using SolarHub.Bench.Faults;
using Xunit.Abstractions;

namespace SolarHub.Cli.Tests.Faults;

/// <summary>The short run of bench faults' database rows: a real node whose SQLite file sits on a tmpfs made full, or locked by another process.</summary>
public sealed class DatabaseFaultTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(DatabaseFault.Full)]
    [InlineData(DatabaseFault.Locked)]
    public async Task A_failing_database_refuses_or_delays_a_change_clearly_and_stores_it_once_the_fault_is_gone(DatabaseFault fault)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var progress = new StringWriter();

        var outcome = await new DatabaseFaultScenario(fault).RunAsync(quick: true, progress, timeout.Token);

        output.WriteLine(progress.ToString());
        outcome.ExceptionsLogged.Should().Be(0, outcome.Note);
        outcome.Survived.Should().BeTrue(outcome.Note);
    }
}
